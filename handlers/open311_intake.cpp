#include "handlers/open311_intake.hpp"

#include <algorithm>

#include "handlers/intake.hpp"

namespace gridbot {

namespace {

std::string one_line(std::string_view s) {
  std::string out(s);
  std::replace(out.begin(), out.end(), '\n', ' ');
  std::replace(out.begin(), out.end(), '\r', ' ');
  return out;
}

std::string short_name(std::string name) {
  for (std::string_view suffix : {"社区", "村"})
    if (name.ends_with(suffix) && name.size() > suffix.size()) name.resize(name.size() - suffix.size());
  return name;
}

}  // namespace

std::string open311_text(std::string_view address, std::string_view category, std::string_view description) {
  return one_line(address) + "\n" + one_line(category) + "\n" + std::string(description);
}

std::string open311_grid(std::string_view address, const Organization& org) {
  const auto building = understand::understand(std::string(address)).building;
  for (const auto& c : org.communities) {
    if (address.find(short_name(c.name)) == std::string_view::npos) continue;
    const Grid* only = nullptr;
    int grids = 0;
    for (const auto& g : org.grids) {
      if (g.community != c.id) continue;
      if (building && std::find(g.buildings.begin(), g.buildings.end(), *building) != g.buildings.end()) return g.id;
      only = &g, ++grids;
    }
    if (grids == 1) return only->id;
  }
  return {};
}

Actions file_open311_request(const MessageReceived& event, const Context& ctx) {
  const std::string& text = event.message.text;
  const auto first = text.find('\n');
  const auto second = first == std::string::npos ? std::string::npos : text.find('\n', first + 1);
  if (second == std::string::npos) return {};  // not from the Open311 API: nothing to file
  const std::string address = text.substr(0, first);
  const std::string category = text.substr(first + 1, second - first - 1);
  const std::string description = text.substr(second + 1);
  const std::string grid = open311_grid(address, ctx.org);
  if (grid.empty()) return {};  // the API checked the address before submitting; the organization changed since
  auto understood = understand::understand(description);
  understood.category = category;  // the tool's choice of service stands
  if (!understood.building) understood.building = understand::understand(address).building;
  Actions filed = take_in_report(Report{event, description, understood, nullptr, grid, ctx.org.community_of_grid(grid)}, ctx);
  std::erase_if(filed, [](const Action& a) {
    const auto* m = std::get_if<SendMessage>(&a);
    return m && m->platform == open311_platform;
  });
  return filed;
}

}  // namespace gridbot
