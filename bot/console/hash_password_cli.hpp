// `gridbot hash-password [--iterations N]`: reads a password from stdin (without echo on a
// terminal) and prints its pbkdf2-sha256 hash for a console user's `password_hash`.
#pragma once

namespace gridbot::console {

int run_hash_password_command(int argc, char** argv);

}  // namespace gridbot::console
