// What the notices API answers about a notice: its summary in the list, its full report. One
// place, so the list's figures and the report's always agree (both from notice_progress).
#pragma once

#include <nlohmann/json.hpp>

#include "handlers/notices/progress.hpp"
#include "templates/catalog.hpp"

namespace gridbot {

// The list's entry: who sent what when, and the progress summary.
nlohmann::json notice_summary_json(const Notice& n, const NoticeProgress& p, const Organization& org);
// The report: the summary, acknowledgements per grid with each group's non-responders (names and
// ids only: a roster's phone numbers never leave the service), and the failures with reasons.
nlohmann::json notice_report_json(const Notice& n, const NoticeProgress& p, const Organization& org);
// GET /api/v1/notice-templates: each template's id, Chinese name, fields with their labels, and the
// languages it is written in (zh-CN, plus ug / kk where templates/zh-CN.json has those versions).
nlohmann::json notice_templates_json(const templates::Catalog& text);

}  // namespace gridbot
