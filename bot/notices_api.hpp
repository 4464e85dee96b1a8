// The notices API for the console and scripts: POST /api/v1/notices sends a notice (no
// confirmation step: the request is the confirmation), GET /api/v1/notices lists those in the
// viewer's scope with their progress, GET /api/v1/notices/{id} reports on one. Who asks is the
// console's Viewer (a session, or an admin's bearer token); the notice is sent by the viewer's
// member, checked for role and jurisdiction like a direct message.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "bot/clock.hpp"
#include "bot/console/viewer.hpp"
#include "bot/http/router.hpp"
#include "bot/console/read_route.hpp"
#include "bot/organization_snapshots.hpp"
#include "bot/readers.hpp"
#include "bot/writer.hpp"
#include "handlers/organization.hpp"
#include "handlers/policy.hpp"
#include "storage/store.hpp"
#include "templates/catalog.hpp"

namespace gridbot {

struct NoticesApi {
  Writer& writer;
  Readers& readers;  // the list and the reports run there: a notice's progress reads its every group
  const OrganizationSnapshots& orgs;  // each request reads the snapshot current when it starts
  const Policy& policy;
  const templates::Catalog& text;
  const Clock& clock;
  console::Authenticate authenticate;
  std::function<void()> queued;  // a notice was committed: the outbox sender should look

  void add_routes(http::Router& router);

 private:
  boost::asio::awaitable<http::Response> send_notice(const http::Request& request);
  http::Response list(const console::ReadRequest& q) const;  // on a reader thread
  http::Response report(const console::ReadRequest& q) const;
  // The sender's member, or nothing; the member decides jurisdiction wherever the viewer has one.
  const Member* member_of(const console::Viewer& viewer, const Organization& org) const;
  bool may_read(const console::Viewer& viewer, const Notice& n, const Organization& org) const;
};

// The member an "Authorization: Bearer <token>" header belongs to, if any admin's hash matches.
// Every admin's hash is compared, each in constant time, so timing tells nothing about which.
const Member* admin_for(std::string_view authorization, const Organization& org);

// SHA-256 of a secret in lower-case hex: how the organization file keeps bearer tokens and Open311
// keys, so it never holds a usable secret.
std::string sha256_hex(std::string_view data);

}  // namespace gridbot
