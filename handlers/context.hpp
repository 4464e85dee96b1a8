// Everything a handler may read: the injected clock's now, the organization, the tickets through a
// narrow read interface, the policy and the templates. Handlers never write; they return Actions.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "handlers/organization.hpp"
#include "handlers/policy.hpp"
#include "handlers/ticket.hpp"
#include "templates/catalog.hpp"

namespace gridbot {

class TicketReader {
 public:
  virtual ~TicketReader() = default;
  virtual std::optional<Ticket> find(std::int64_t number) const = 0;
  virtual std::int64_t next_number() const = 0;
  // The ticket a platform message belongs to (a receipt, a notification, the original report).
  virtual std::optional<std::int64_t> ticket_of_message(std::string_view platform, std::string_view message_id) const = 0;
};

struct Context {
  Time now{};
  const Organization& org;
  const TicketReader& tickets;
  const Policy& policy;
  const templates::Catalog& text;
};

}  // namespace gridbot
