// Tests that build a pipeline, an intake or an adapter around one Organization wrap it here: the
// service holds its organization as swappable snapshots (bot/organization_snapshots.hpp).
#pragma once

#include <memory>

#include "bot/organization_snapshots.hpp"

namespace gridbot::testing {

inline std::shared_ptr<const Organization> shared(Organization org) {
  return std::make_shared<const Organization>(std::move(org));
}

}  // namespace gridbot::testing
