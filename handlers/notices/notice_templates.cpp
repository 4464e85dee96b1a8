#include "handlers/notices/notice_templates.hpp"

#include <algorithm>

namespace gridbot {

const std::vector<NoticeTemplate>& notice_templates() {
  static const std::vector<NoticeTemplate> all{
      {"water_outage", {"reason", "area", "start", "end", "contact"}},
      {"power_outage", {"reason", "area", "start", "end", "contact"}},
      {"meeting", {"time", "place", "topic", "attendees"}},
      {"policy", {"title", "summary", "contact"}},
  };
  return all;
}

std::variant<RenderedNotice, TemplateProblem> render_notice_template(std::string_view id,
                                                                     const std::map<std::string, std::string>& fields,
                                                                     const templates::Catalog& text) {
  const auto& all = notice_templates();
  auto t = std::find_if(all.begin(), all.end(), [&](const NoticeTemplate& x) { return x.id == id; });
  if (t == all.end()) return TemplateProblem{"unknown template '" + std::string(id) + "'"};
  templates::Args args;
  for (auto field : t->fields) {
    auto it = fields.find(std::string(field));
    if (it == fields.end() || it->second.empty())
      return TemplateProblem{"template '" + std::string(id) + "' needs the field '" + std::string(field) + "'"};
    args[std::string(field)] = it->second;
  }
  RenderedNotice out;
  const std::string key = "notice_template." + std::string(id);
  out.text = text.render(key, args);
  for (const char* language : {"ug", "kk"})
    if (text.has(key + "." + language)) out.versions[language] = text.render(key + "." + language, args);
  return out;
}

}  // namespace gridbot
