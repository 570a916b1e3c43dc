#include "tests/client_example.h"

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "tests/process.h"
#include "tests/suite_harness.h"

namespace redress::testing {

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

absl::StatusOr<ExampleRun> RunAgainstSuite(const std::string& name, const std::string& command,
                                           absl::Duration limit) {
  ExampleRun run;
  run.dir = MakeTempDir(name);
  Suite suite({REDRESS_INTAKE_BINARY, REDRESS_INVESTIGATION_BINARY, REDRESS_REMEDY_BINARY},
              run.dir);
  RETURN_IF_ERROR(suite.Start());
  const std::string script = run.dir + "/example.sh";
  std::ofstream(script) << "set -euo pipefail\n"
                        << "export REDRESS_INTAKE=" << suite.intake_address() << "\n"
                        << "export REDRESS_INVESTIGATION=" << suite.investigation_address() << "\n"
                        << "export REDRESS_REMEDY=" << suite.remedy_address() << "\n"
                        << command << "\n";
  const std::string out = run.dir + "/example.out";
  const std::string err = run.dir + "/example.err";
  const std::string shell =
      absl::StrCat("cd ", run.dir, " && timeout ", absl::ToInt64Seconds(limit), " bash ", script,
                   " > ", out, " 2> ", err, " < /dev/null");
  const int status = std::system(shell.c_str());
  run.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = ReadWholeFile(out);
  run.err = ReadWholeFile(err);
  run.logs = suite.Logs();
  return run;
}

std::string Describe(const ExampleRun& run) {
  return absl::StrCat("exit status ", run.exit_status, " in ", run.dir, "\n--- stdout\n", run.out,
                      "\n--- stderr\n", run.err, "\n--- services\n", run.logs);
}

}  // namespace redress::testing
