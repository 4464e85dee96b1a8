// A drainage ticket in 幸福里第一网格, reported in its group, for storage tests.
#pragma once

#include <string>

#include "handlers/ticket.hpp"

namespace gridbot::testing {

inline Ticket sample_ticket(std::int64_t number, const std::string& reporter = "zhangwei") {
  Ticket t;
  t.number = number;
  t.category = "drainage";
  t.text = "3号楼下水道堵了";
  t.grid = "xfl-1";
  t.community = "xingfuli";
  t.building = "3";
  t.reporter_id = reporter;
  t.reporter_name = "张伟";
  t.source_platform = "local";
  t.reporter_user = reporter;
  t.group_id = "xfl-1-group";
  t.owner = "wangfang";
  t.created_at = t.updated_at = Time(Seconds(1000));
  t.claim_due_at = Time(Seconds(8200));
  t.resolve_due_at = Time(Seconds(260200));
  return t;
}

}  // namespace gridbot::testing
