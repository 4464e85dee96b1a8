// Boost 1.74's awaitable.hpp uses std::exchange without including <utility>; include it first.
#pragma once

#include <utility>

#include <boost/asio/awaitable.hpp>
