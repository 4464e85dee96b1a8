// `gridbot serve`: the long-running service.
#pragma once

namespace gridbot {
int run_serve_command(int argc, char** argv);
}
