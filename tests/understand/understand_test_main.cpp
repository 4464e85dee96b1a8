// doctest's main for the understanding tests; the cases live in one file per module.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
