// Notice templates (停水通知, 停电通知, 会议通知, 政策宣传): a text with named fields in
// templates/zh-CN.json ("notice_template.<id>"), with Uyghur and Kazakh versions beside it
// ("notice_template.<id>.ug", ".kk"). Which fields each needs is listed here, so a request that
// leaves one out is refused instead of going out with a hole in it.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "templates/catalog.hpp"

namespace gridbot {

struct NoticeTemplate {
  std::string_view id;
  std::vector<std::string_view> fields;
};
const std::vector<NoticeTemplate>& notice_templates();

struct RenderedNotice {
  std::string text;                             // Chinese
  std::map<std::string, std::string> versions;  // "ug" / "kk", where the template has them
};
struct TemplateProblem {
  std::string reason;  // an unknown template, or the field missing
};
std::variant<RenderedNotice, TemplateProblem> render_notice_template(std::string_view id,
                                                                     const std::map<std::string, std::string>& fields,
                                                                     const templates::Catalog& text);

}  // namespace gridbot
