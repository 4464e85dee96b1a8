// Tests that build a pipeline, an intake or an adapter around one Organization wrap it here: the
// service holds its organization as swappable snapshots (bot/organization_snapshots.hpp).
#pragma once

#include <memory>

#include "bot/organization_snapshots.hpp"

namespace gridbot::testing {

inline std::shared_ptr<const Organization> shared(Organization org) {
  return std::make_shared<const Organization>(std::move(org));
}

// A snapshot of an organization the test owns and keeps reading itself: not owned (the aliasing
// constructor with no owner), so it must outlive the snapshots.
inline std::shared_ptr<const Organization> borrowed(const Organization& org) {
  return std::shared_ptr<const Organization>(std::shared_ptr<void>(), &org);
}

}  // namespace gridbot::testing
