// A pipeline on an in-memory database with the sample organization and a manual clock, for the
// tests of what sits on the pipeline (dedupe, health, retention).
#pragma once

#include "bot/organization_loader.hpp"
#include "bot/pipeline.hpp"
#include "storage/database.hpp"
#include "tests/support/organization_snapshots.hpp"

namespace gridbot::testing {

struct PipelineRig {
  SQLite::Database db = storage::open_database(":memory:");
  storage::Store store{db};
  OrganizationSnapshots orgs{shared(sample_organization())};
  const Organization& org = *orgs.current();
  Policy policy;
  ManualClock clock{Time(Seconds(1'794'967'200))};  // Wednesday 10:00 Beijing
  Pipeline pipeline{store, orgs, policy, templates::Catalog::builtin(), clock};
  WriteHealth health;
  int commits = 0;
  PipelineRig() {
    pipeline.on_commit = [this] { ++commits; };
    pipeline.write_health = &health;
  }
  // zhangwei posts in his grid's group.
  Pipeline::Accepted post(const std::string& id, const std::string& text, const std::string& delivery = {}) {
    return pipeline.accept(Inbound{"local", id, "xfl-1-group", "zhangwei", text, std::nullopt, {}}, delivery);
  }
};

}  // namespace gridbot::testing
