#include "bot/platforms/wecom/flat_xml.hpp"

#include <pugixml.hpp>

namespace gridbot::wecom {

std::expected<FlatXml, Error> parse_flat_xml(std::string_view text) {
  pugi::xml_document doc;
  // parse_doctype keeps a DOCTYPE as a node so it can be seen and refused; pugixml itself never
  // expands declared entities, and this refusal means none ever reaches a field.
  auto result = doc.load_buffer(text.data(), text.size(), pugi::parse_default | pugi::parse_doctype,
                                pugi::encoding_utf8);
  if (!result) return std::unexpected(Error::malformed_xml);
  for (auto node : doc.children())
    if (node.type() == pugi::node_doctype) return std::unexpected(Error::malformed_xml);
  auto root = doc.document_element();
  if (std::string_view(root.name()) != "xml") return std::unexpected(Error::malformed_xml);
  FlatXml out;
  for (auto child : root.children()) {
    if (child.type() != pugi::node_element) continue;
    std::string value;
    for (auto part : child.children())
      if (part.type() == pugi::node_pcdata || part.type() == pugi::node_cdata) value += part.value();
    out.emplace(child.name(), std::move(value));
  }
  return out;
}

}  // namespace gridbot::wecom
