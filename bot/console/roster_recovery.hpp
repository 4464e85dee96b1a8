// A console edit rewrites the organization file (rename) and then commits its reassignments; a
// crash between the two leaves the new file with the old tickets: open tickets still held by
// members the file no longer has. At start-up, before the tables take the file, those tickets
// are handed on exactly as the edit would have (handlers/roster_change: the grid head, else the
// community head; a "reassigned" event by "system"; the successor told). Once handed on, nothing
// names the departed member, so a second start finds nothing to do.
#pragma once

#include <cstdint>
#include <vector>

#include "handlers/organization.hpp"
#include "handlers/policy.hpp"
#include "storage/store.hpp"
#include "templates/catalog.hpp"

namespace gridbot::console {

// Applies the handover to `store` in the caller's transaction; returns the tickets reassigned.
std::vector<std::int64_t> hand_over_missing_members(storage::Store& store, const Organization& org, const Policy& policy,
                                                    const templates::Catalog& text, Time now);

}  // namespace gridbot::console
