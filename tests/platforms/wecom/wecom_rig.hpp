// A service's insides for WeCom's connection tests: the sample organization with its first grid's
// group and people on WeCom, a database in a temp folder, a started writer and a pipeline on it,
// and one account ("main") with an app and an AI bot whose keys are the official vector A's.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "bot/organization_loader.hpp"
#include "bot/pipeline.hpp"
#include "bot/platforms/wecom/account_config.hpp"
#include "bot/platforms/wecom/callback.hpp"
#include "bot/platforms/wecom/crypto.hpp"
#include "storage/database.hpp"
#include "storage/organization_repository.hpp"
#include "tests/platforms/wecom/vectors.hpp"
#include "tests/support/organization_snapshots.hpp"
#include "tests/support/temp_dir.hpp"

namespace gridbot::wecom::testing {

inline Organization wecom_organization() {
  auto doc = nlohmann::json::parse(sample_organization_file().text);
  for (auto* list : {&doc["residents"], &doc["members"]})
    for (auto& person : *list) person["accounts"]["wecom"] = person["id"];
  doc["groups"].push_back({{"id", "xfl-1-wecom"}, {"name", "幸福里第一网格企业微信群"}, {"grid", "xfl-1"},
                           {"platform", "wecom"}, {"account", "main"}, {"chat_id", "wrCHAT"}});
  return parse_organization(doc.dump(), "wecom-test-organization.json");
}

inline AccountConfig main_account(AibotSettings::Mode mode = AibotSettings::Mode::callback) {
  AccountConfig a;
  a.name = "main";
  a.corp_id = std::string(vectors::a_corpid);
  a.app = AppSettings{1000002, "APPSECRET", std::string(vectors::a_token), std::string(vectors::a_key)};
  a.aibot = AibotSettings{"BOT", "BOTSECRET", std::string(vectors::a_token), std::string(vectors::a_key), "网格助手", mode};
  return a;
}

struct Rig {
  ::gridbot::testing::TempDir dir;
  std::string path = dir.file("wecom.db");
  SQLite::Database db = storage::open_database(path);
  storage::Store store{db};
  SQLite::Database reader_db = storage::open_reader(path);
  OrganizationSnapshots orgs{::gridbot::testing::shared(wecom_organization())};
  const Organization& org = *orgs.current();
  Policy policy;
  ManualClock clock{Time(Seconds(1'794'967'200))};  // Wednesday 10:00 Beijing
  Writer writer{store};
  Pipeline pipeline{store, orgs, policy, templates::Catalog::builtin(), clock, &writer};

  Rig() {
    storage::replace_organization(db, org);
    writer.start();
  }
  int count(const std::string& sql) { return reader_db.execAndGet(sql).getInt(); }
  int inbox_rows() { return count("SELECT COUNT(*) FROM inbox"); }
  int outbox_rows() { return count("SELECT COUNT(*) FROM outbox"); }
};

// A signed, encrypted callback as WeCom sends it: the query string and the body.
struct SignedCallback {
  std::string query;
  std::string body;
};

inline SignedCallback sign(const CallbackKeys& keys, std::string_view plaintext, Time at, bool xml,
                           std::string nonce = "1234567890") {
  auto encrypt = encrypt_message(keys.aes_key, plaintext, keys.receiveid, fresh_random16().value()).value();
  const std::string ts = std::to_string(at.time_since_epoch().count());
  const std::string signature = msg_signature(keys.token, ts, nonce, encrypt);
  std::string body = xml ? "<xml><ToUserName><![CDATA[" + keys.receiveid + "]]></ToUserName><Encrypt><![CDATA[" + encrypt +
                               "]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>"
                         : nlohmann::json{{"encrypt", encrypt}}.dump();
  return {"msg_signature=" + signature + "&timestamp=" + ts + "&nonce=" + nonce, std::move(body)};
}

}  // namespace gridbot::wecom::testing
