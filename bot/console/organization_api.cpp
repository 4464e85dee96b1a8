#include "bot/console/organization_api.hpp"

#include <memory>

#include "bot/console/organization_csv.hpp"
#include "bot/console/organization_edits.hpp"
#include "bot/console/organization_file.hpp"
#include "bot/console/organization_view.hpp"
#include "bot/log.hpp"
#include "handlers/roster_change.hpp"
#include "storage/organization_repository.hpp"

namespace gridbot::console {

namespace asio = boost::asio;
using http::Status;
using nlohmann::json;

namespace {

struct Refusal {
  Status status;
  std::string error;
};

// What one edit came to: refused as a whole, or applied with a report.
struct Outcome {
  std::optional<Refusal> refused;
  int imported = 0;
  json errors = json::array();
  std::vector<std::int64_t> reassigned;
  std::shared_ptr<const Organization> published;  // swapped in after the commit
  std::shared_ptr<const Document> document;        // and the document it was read from
  bool queued = false;
  std::vector<std::string> ignored_columns;  // an import's header cells that name no field
};

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (unsigned char c : id)
    if (c < 0x20 || c == 0x7f) return false;
  return true;
}

std::string actor_of(const Viewer& v) { return v.member.empty() ? std::string("system") : v.member; }

json report(const Outcome& o) {
  json out{{"imported", o.imported}, {"errors", o.errors}, {"reassigned", o.reassigned}};
  // so a misspelt column is not lost without a word
  if (!o.ignored_columns.empty()) out["ignored_columns"] = o.ignored_columns;
  return out;
}

// The scope rules of one kind of entry, for the organization before and after the edit.
struct Scope {
  const char* list;
  std::function<bool(const Viewer&, const Organization&, const std::string& id)> may_edit;  // false when absent
  std::function<bool(const Organization&, const std::string& id)> exists;
};

const Scope member_scope{"members",
                         [](const Viewer& v, const Organization& org, const std::string& id) {
                           const Member* m = org.member(id);
                           return m && may_edit_member(v, org, *m);
                         },
                         [](const Organization& org, const std::string& id) { return org.member(id) != nullptr; }};
const Scope group_scope{"groups",
                        [](const Viewer& v, const Organization& org, const std::string& id) {
                          const Group* g = org.group(id);
                          return g && may_edit_group(v, org, *g);
                        },
                        [](const Organization& org, const std::string& id) { return org.group(id) != nullptr; }};
const Scope grid_scope{"grids",
                       [](const Viewer& v, const Organization& org, const std::string& id) {
                         const Grid* g = org.grid(id);
                         return g && may_edit_community(v, org, g->community);
                       },
                       [](const Organization& org, const std::string& id) { return org.grid(id) != nullptr; }};

// The editor's state: the document and organization of the last committed (or committing) edit.
// Touched only inside writer jobs, which run one at a time on the writer thread.
struct Editor {
  OrganizationApi api;
  Document doc;
  std::shared_ptr<const Organization> latest;
  // The document of the snapshot in service: on the event loop's thread only. A failed commit
  // puts the writer's state, the tables and the file back to it.
  std::shared_ptr<const Document> committed;

  // Hands over the departed members' tickets, stores the new tables and rewrites the file, in the
  // writer's transaction; the new state is taken only once all of that has been written.
  void publish(storage::Store& store, Document next, std::shared_ptr<const Organization> org, const Viewer& viewer,
               Outcome& out) {
    const Time now = api.clock.now();
    Context ctx{now, *org, store.tickets, api.policy, api.text, &store.notices};
    RosterChange change = hand_over_departed(*latest, actor_of(viewer), ctx);
    store.apply(change.actions, now);
    storage::replace_organization(store.db(), *org);
    replace_file_atomically(api.path, next.dump(2) + "\n");
    out.reassigned = std::move(change.reassigned);
    out.queued = !change.actions.empty();
    out.published = org;
    out.document = std::make_shared<const Document>(next);
    doc = std::move(next);
    latest = std::move(org);
  }

  using Edit = std::function<std::optional<EditProblem>(Document&)>;

  // One member, group or grid: refused whole (400, 403) or applied.
  Outcome edit_one(storage::Store& store, const Viewer& viewer, const Scope& scope, const std::string& id, bool removing,
                   const Edit& edit) {
    Outcome out;
    const bool existed = scope.exists(*latest, id);
    if (existed && !scope.may_edit(viewer, *latest, id))
      return {Refusal{Status::forbidden, std::string(scope.list) + " '" + id + "' is outside your scope"}};
    if (removing && !existed) return {Refusal{Status::not_found, "no member '" + id + "'"}};
    Document next = doc;
    if (auto problem = edit(next)) return {Refusal{Status::bad_request, problem->message()}};
    auto org = read_document(next, scope.list, removing ? std::string() : id);
    if (!org) return {Refusal{Status::bad_request, org.error().message()}};
    if (!removing && !scope.may_edit(viewer, **org, id))
      return {Refusal{Status::forbidden, "the edit would put " + std::string(scope.list) + " '" + id + "' outside your scope"}};
    out.imported = 1;
    publish(store, std::move(next), std::move(*org), viewer, out);
    return out;
  }

  // A file whose rows are all good: one re-read of the document for the whole file, not one per
  // row (the writer thread does this, and intake waits meanwhile).
  std::optional<Outcome> import_whole(storage::Store& store, const Viewer& viewer, ImportKind kind, const ImportFile& file) {
    const Scope& scope = kind == ImportKind::members ? member_scope : group_scope;
    Document next = doc;
    for (const auto& row : file.rows) {
      if (row.problem || (scope.exists(*latest, row.id) && !scope.may_edit(viewer, *latest, row.id))) return std::nullopt;
      if (kind == ImportKind::members ? put_member(next, row.id, row.entry) : put_group(next, row.id, row.entry))
        return std::nullopt;
    }
    auto org = read_document(next, scope.list, "");
    if (!org) return std::nullopt;
    for (const auto& row : file.rows)
      if (!scope.may_edit(viewer, **org, row.id)) return std::nullopt;
    Outcome out;
    out.ignored_columns = file.ignored_columns;
    out.imported = static_cast<int>(file.rows.size());
    if (out.imported > 0) publish(store, std::move(next), std::move(*org), viewer, out);
    return out;
  }

  // Each row tried on its own against the rows before it, so a bad row costs only itself.
  Outcome import_rows(storage::Store& store, const Viewer& viewer, ImportKind kind, const ImportFile& file) {
    if (auto whole = import_whole(store, viewer, kind, file)) return std::move(*whole);
    Outcome out;
    out.ignored_columns = file.ignored_columns;
    const Scope& scope = kind == ImportKind::members ? member_scope : group_scope;
    Document next = doc;
    std::shared_ptr<const Organization> org = latest;
    auto refuse = [&](const ImportRow& row, const std::string& field, const std::string& error) {
      out.errors.push_back({{"row", row.row}, {"field", field}, {"error", error}});
    };
    for (const auto& row : file.rows) {
      if (row.problem) {
        refuse(row, row.problem->field, row.problem->error);
        continue;
      }
      if (scope.exists(*org, row.id) && !scope.may_edit(viewer, *org, row.id)) {
        refuse(row, "id", "'" + row.id + "' is outside your scope");
        continue;
      }
      Document trial = next;
      auto problem = kind == ImportKind::members ? put_member(trial, row.id, row.entry) : put_group(trial, row.id, row.entry);
      if (problem) {
        refuse(row, problem->field, problem->error);
        continue;
      }
      auto parsed = read_document(trial, scope.list, row.id);
      if (!parsed) {
        refuse(row, parsed.error().field, parsed.error().error);
        continue;
      }
      if (!scope.may_edit(viewer, **parsed, row.id)) {
        refuse(row, "grid", "would put '" + row.id + "' outside your scope");
        continue;
      }
      next = std::move(trial);
      org = std::move(*parsed);
      ++out.imported;
    }
    if (out.imported > 0) publish(store, std::move(next), std::move(org), viewer, out);
    return out;
  }
};

using Job = std::function<Outcome(storage::Store&)>;

std::optional<json> json_body(const http::Request& request) {
  auto body = json::parse(request.body(), nullptr, false);
  if (body.is_discarded() || !body.is_object()) return std::nullopt;
  return body;
}

}  // namespace

void OrganizationApi::add_routes(http::Router& router) {
  auto editor = std::make_shared<Editor>(Editor{*this, Document::parse(document, nullptr, false), orgs.current(), {}});
  if (editor->doc.is_discarded()) editor->doc = Document::object();  // the loader has read it: cannot happen
  editor->committed = std::make_shared<const Document>(editor->doc);

  // Runs `job` on the writer thread, then swaps in what it published and answers with its report.
  auto run = [editor](const Viewer& viewer, Job job) -> asio::awaitable<http::Response> {
    Outcome out;
    bool failed = false;  // no co_await inside a catch block
    try {
      co_await editor->api.writer.run([&](storage::Store& store) { out = job(store); });
    } catch (const std::exception& e) {
      log::error("console", "an organization edit by {} failed: {}", viewer.user, e.what());
      failed = true;
    }
    if (failed && out.published) {
      // The job had rewritten the file and the editor's state when its batch's commit failed: put
      // both back to the snapshot in service — unless a later edit, built on this one, has
      // committed since.
      Writer::Work restore = [editor, doc = editor->committed, org = editor->api.orgs.current(),
                              failed_head = out.published](storage::Store& store) {
        if (editor->latest != failed_head) return;
        storage::replace_organization(store.db(), *org);
        replace_file_atomically(editor->api.path, doc->dump(2) + "\n");
        editor->doc = *doc;
        editor->latest = org;
      };
      try {
        co_await editor->api.writer.run(std::move(restore));
      } catch (const std::exception& e) {
        log::error("console", "the organization file could not be put back after a failed edit: {}", e.what());
      }
    }
    if (failed) {
      co_return http::error_response(Status::internal_server_error, "the organization could not be saved; nothing changed");
    }
    if (out.refused) co_return http::error_response(out.refused->status, out.refused->error);
    if (out.published) {
      editor->api.orgs.replace(out.published);
      editor->committed = out.document;
      try {
        if (editor->api.published) editor->api.published(out.document->dump(), *out.published);
      } catch (const std::exception& e) {  // read_document checked the console users: a bug if so
        log::error("console", "the console users of the edited organization could not be read: {}", e.what());
      }
      log::info("console", "organization edited by {}: {} applied, {} refused, {} tickets reassigned", viewer.user,
                out.imported, out.errors.size(), out.reassigned.size());
    }
    if (out.queued && editor->api.queued) editor->api.queued();
    co_return http::json_response(Status::ok, report(out));
  };

  // Who asks, and whether they may edit at all: 401 without a viewer, 403 for a supervisor.
  auto editor_viewer = [editor](const http::Request& request) -> std::expected<Viewer, http::Response> {
    auto viewer = editor->api.authenticate(request);
    if (!viewer) return std::unexpected(http::error_response(Status::unauthorized, "sign in first"));
    if (!viewer->may_assign())
      return std::unexpected(http::error_response(Status::forbidden, "a supervisor may read the organization, not edit it"));
    return *viewer;
  };

  router.add(http::Verb::get, "/api/v1/organization", [editor](const http::Request& request, const http::Params&) {
    auto viewer = editor->api.authenticate(request);
    if (!viewer) return http::error_response(Status::unauthorized, "sign in first");
    const auto org = editor->api.orgs.current();
    return http::json_response(Status::ok, organization_json(*org, *viewer));
  });

  // PUT of one entry: members, groups, grids share everything but the scope and the edit.
  auto put_route = [&](const char* pattern, const Scope& scope,
                       std::optional<EditProblem> (*edit)(Document&, const std::string&, const json&)) {
    router.add_async(http::Verb::put, pattern,
                     [editor, editor_viewer, run, &scope, edit](const http::Request& request,
                                                                const http::Params& params) -> asio::awaitable<http::Response> {
      auto viewer = editor_viewer(request);
      if (!viewer) co_return viewer.error();
      const std::string id = params.path.at("id");
      if (!valid_id(id)) co_return http::error_response(Status::bad_request, "id: must be 1 to 64 characters, no control characters");
      auto body = json_body(request);
      if (!body) co_return http::error_response(Status::bad_request, "the body must be a JSON object");
      // Named first: g++ 12 destroys a temporary built inside a co_await expression twice.
      Job job = [editor, v = *viewer, &scope, id, body = std::move(*body), edit](storage::Store& store) {
        return editor->edit_one(store, v, scope, id, false, [&](Document& doc) { return edit(doc, id, body); });
      };
      http::Response response = co_await run(*viewer, std::move(job));
      co_return response;
    });
  };
  put_route("/api/v1/organization/members/{id}", member_scope, &put_member);
  put_route("/api/v1/organization/groups/{id}", group_scope, &put_group);
  put_route("/api/v1/organization/grids/{id}", grid_scope, &put_grid);

  router.add_async(http::Verb::delete_, "/api/v1/organization/members/{id}",
                   [editor, editor_viewer, run](const http::Request& request,
                                                const http::Params& params) -> asio::awaitable<http::Response> {
    auto viewer = editor_viewer(request);
    if (!viewer) co_return viewer.error();
    const std::string id = params.path.at("id");
    if (!valid_id(id)) co_return http::error_response(Status::bad_request, "id: must be 1 to 64 characters, no control characters");
    Job job = [editor, v = *viewer, id](storage::Store& store) {
      return editor->edit_one(store, v, member_scope, id, true, [&](Document& doc) { return delete_member(doc, id); });
    };
    http::Response response = co_await run(*viewer, std::move(job));
    co_return response;
  });

  router.add_async(http::Verb::post, "/api/v1/organization/import",
                   [editor, editor_viewer, run](const http::Request& request,
                                                const http::Params& params) -> asio::awaitable<http::Response> {
    auto viewer = editor_viewer(request);
    if (!viewer) co_return viewer.error();
    const std::string_view kind_name = params.query_or("kind", "");
    if (kind_name != "members" && kind_name != "groups")
      co_return http::error_response(Status::bad_request, "kind: must be members or groups");
    const ImportKind kind = kind_name == "members" ? ImportKind::members : ImportKind::groups;
    auto file = read_import(request.body(), kind);
    if (!file) co_return http::error_response(Status::bad_request, file.error());
    Job job = [editor, v = *viewer, kind, f = std::move(*file)](storage::Store& store) {
      return editor->import_rows(store, v, kind, f);
    };
    http::Response response = co_await run(*viewer, std::move(job));
    co_return response;
  });
}

}  // namespace gridbot::console
