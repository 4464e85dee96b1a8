// The local platform has no sign-in, by design: it is for trying the product and for tests. What
// keeps a web page on another site from using it through the visitor's browser is this guard:
//  - DNS rebinding: a hostile name resolved to 127.0.0.1 still sends its own name as Host, so
//    only loopback names and the configured ones are answered;
//  - cross-origin writes: a browser marks them with Origin / Sec-Fetch-Site, and a "simple"
//    cross-site form post cannot send Content-Type: application/json without a preflight we never
//    grant, so every write must be same-origin JSON.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bot/http/router.hpp"

namespace gridbot::platforms {

class CrossSiteGuard {
 public:
  // `hosts`: names answered besides loopback (the listen address, platforms.local.hosts).
  explicit CrossSiteGuard(std::vector<std::string> hosts);

  // A 403 with the reason, or nothing when the request may go on.
  std::optional<http::Response> refuse(const http::Request& request) const;
  // `handler` behind the guard.
  http::Handler wrap(http::Handler handler) const;
  http::AsyncHandler wrap_async(http::AsyncHandler handler) const;

 private:
  std::vector<std::string> hosts_;  // lower case
};

}  // namespace gridbot::platforms
