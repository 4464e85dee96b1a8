// The people who sign in to the console: the organization file's `console_users`, each with a
// role and the scope it narrows to, the member who acts for them, and a password hash.
//   "console_users": [{"id": "zhoulan", "name": "周兰", "role": "community", "community": "xingfuli",
//                      "member": "zhoulan", "password_hash": "pbkdf2-sha256$600000$...$..."}]
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "bot/console/password.hpp"
#include "bot/console/viewer.hpp"
#include "bot/organization_loader.hpp"
#include "handlers/organization.hpp"

namespace gridbot::console {

struct ConsoleUser {
  std::string id, name;
  ConsoleRole role = ConsoleRole::community;
  std::string street, community, member;
  std::string password_hash;  // as written in the file
  PasswordHash password;      // parsed

  Viewer viewer() const;
};

// Reads `console_users` from the organization file (none when the key is absent). Every mistake is
// a ConfigError naming the file and the key: "org.json: console_users[2].role: ...". Scopes must be
// known and fit the role: a street user names a street, a community user a community (and, if it
// names a street too, the community's own), a supervisor at most a street, an admin neither.
std::vector<ConsoleUser> parse_console_users(const OrganizationFile& file, const Organization& org);

// The demo passwords of organization/sample.json are printed in the README, so beyond loopback a
// user whose hash is one of the sample's may not sign in: it is taken out of `users`, and the
// returned lines (one per user, naming the file and the key) are for the start-up log. The
// service still starts — residents' messages do not wait for the console's passwords.
std::vector<std::string> refuse_sample_passwords(std::vector<ConsoleUser>& users, const std::string& source,
                                                 const std::string& listen_host);

}  // namespace gridbot::console
