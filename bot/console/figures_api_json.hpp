// The figures as the API and the CSV show them (docs/openapi.yaml: Figures, Alert): each number
// with the URL of its drill-down, grids and categories with their Chinese names, rates as
// fractions (null when there is nothing to divide).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "handlers/early_warning_alert.hpp"
#include "handlers/figures/summary.hpp"
#include "handlers/organization.hpp"
#include "templates/catalog.hpp"

namespace gridbot::console {

// The query the drill-downs repeat: "from=…&to=…[&community=…][&grid=…]".
struct FiguresQuery {
  std::string from, to, community, grid;
  std::string text() const;
};

nlohmann::json figures_json(const figures::Summary& s, const FiguresQuery& query, const Organization& org,
                            const templates::Catalog& text);
// By grid and category, UTF-8 with a BOM (Excel reads Chinese then), the header row in Chinese.
std::string figures_csv(const std::vector<figures::Slice>& slices, const Organization& org, const templates::Catalog& text);
nlohmann::json alert_json(const Alert& a, const Organization& org, const templates::Catalog& text);

}  // namespace gridbot::console
