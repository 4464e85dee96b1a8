#include "bot/console/read_route.hpp"

#include <memory>
#include <optional>

namespace gridbot::console {

namespace {

struct Route {
  ReadRouteDeps deps;
  Authenticate authenticate;  // empty: public
  ReadAnswer answer;
  BusyAnswer busy;
};

// The route's parts come by shared_ptr into the coroutine's frame: the handler's closure is not
// what the suspended coroutine should depend on.
boost::asio::awaitable<http::Response> answer_read(std::shared_ptr<const Route> route, const http::Request& request,
                                                   const http::Params& params) {
  const auto snapshot = route->deps.orgs.current();  // this request reads one organization throughout
  std::optional<Viewer> viewer;
  if (route->authenticate) {
    viewer = route->authenticate(request);
    if (!viewer) co_return http::error_response(http::Status::unauthorized, "sign in, or send 'Authorization: Bearer <token>'");
  }
  const Time now = route->deps.clock.now();
  std::optional<http::Response> answer;
  try {
    // Named first: g++ 12 destroys a temporary built inside a co_await expression twice.
    auto job = [&](storage::Store& store) {
      return route->answer(ReadRequest{viewer ? &*viewer : nullptr, *snapshot, now, request, params, store});
    };
    answer = co_await route->deps.readers.read(std::move(job));
  } catch (const ReadersBusy&) {
  }
  if (!answer) co_return readers_busy_response(route->deps.text, route->busy);
  co_return std::move(*answer);
}

http::AsyncHandler handler(std::shared_ptr<const Route> route) {
  return [route = std::move(route)](const http::Request& request, const http::Params& params) {
    return answer_read(route, request, params);
  };
}

}  // namespace

http::AsyncHandler read_route(ReadRouteDeps deps, Authenticate authenticate, ReadAnswer answer) {
  return handler(std::make_shared<const Route>(Route{deps, std::move(authenticate), std::move(answer), {}}));
}

http::AsyncHandler public_read_route(ReadRouteDeps deps, ReadAnswer answer, BusyAnswer busy) {
  return handler(std::make_shared<const Route>(Route{deps, {}, std::move(answer), std::move(busy)}));
}

http::Response readers_busy_response(const templates::Catalog& text, const BusyAnswer& busy) {
  std::string reason = text.render("console.busy", {{"seconds", std::int64_t{readers_busy_retry_seconds}}});
  auto response = busy ? busy(http::Status::service_unavailable, std::move(reason))
                       : http::error_response(http::Status::service_unavailable, reason);
  response.set(boost::beast::http::field::retry_after, std::to_string(readers_busy_retry_seconds));
  return response;
}

}  // namespace gridbot::console
