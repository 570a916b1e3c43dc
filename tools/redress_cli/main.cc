// redress: the operator's command-line client of the Redress services. See cli_options.cc's
// kUsage (redress --help) for what it does; cli.h for the logic.
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "tools/redress_cli/cli.h"

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  const redress::cli::EnvLookup env = [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
  return redress::cli::RunCli(args, env, {std::cin, std::cout, std::cerr});
}
