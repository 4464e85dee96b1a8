// `gridbot understand`: the understanding module on the command line.
//   gridbot understand                      JSONL {"id","text"} on stdin → one JSONL result per line
//   gridbot understand --eval FILE.jsonl    scores of the shipped model on a labeled file
//   gridbot understand --cv K FILE.jsonl    k-fold cross-validation on a labeled file (the extra
//                                           corpus is added to every training fold; --no-extra drops it)
//   --errors                                with --eval/--cv: also list each wrong message
//   --explain, --no-extra, --set: see understand_usage()
#pragma once

#include <string_view>

namespace gridbot {
int run_understand_command(int argc, char** argv);
// Every option of `gridbot understand`, as printed by `gridbot --help` and on a usage error.
std::string_view understand_usage();
}
