// Routes with no sign-in (the local platform's, by design: it is for trying the product and for
// tests; the --test-clock clock) are kept from a web page on another site, acting through the
// visitor's browser, by this guard:
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

namespace gridbot::http {

// The cross-origin half alone, for requests a session cookie authenticates (the cookie is
// SameSite=Strict already; this is the second lock): a write whose Sec-Fetch-Site is not
// same-origin, or whose Origin is not this Host, gets a 403. A safe method (GET, HEAD) passes.
std::optional<Response> refuse_cross_origin_write(const Request& request);

class CrossSiteGuard {
 public:
  // `hosts`: names answered besides loopback (the listen address, configured names).
  explicit CrossSiteGuard(std::vector<std::string> hosts);

  // A 403 with the reason, or nothing when the request may go on.
  std::optional<Response> refuse(const Request& request) const;
  // `handler` behind the guard.
  Handler wrap(Handler handler) const;
  AsyncHandler wrap_async(AsyncHandler handler) const;

 private:
  std::vector<std::string> hosts_;  // lower case
};

}  // namespace gridbot::http
