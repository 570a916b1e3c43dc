// Running a client example in another language (a shell command) against the whole suite: the
// three real binaries are started in a fresh directory, their addresses exported as
// $REDRESS_INTAKE, $REDRESS_INVESTIGATION and $REDRESS_REMEDY, and the command run there with
// bash under a time limit, its standard output and error captured. client_example.cc is compiled
// into each test that uses it, which defines REDRESS_INTAKE_BINARY, REDRESS_INVESTIGATION_BINARY,
// REDRESS_REMEDY_BINARY and REDRESS_CASES_DIR (tests/fixtures/cases).
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace redress::testing {

// What a client example did.
struct ExampleRun {
  int exit_status = -1;  // the command's exit status; 124 when the time limit killed it
  std::string out;       // its standard output
  std::string err;       // its standard error
  std::string logs;      // the three services' logs, for failure messages
  std::string dir;       // the directory it ran in (the suite's data too)
};

// Starts the suite under a new directory named after `name`, runs `command` in that directory
// (killed after `limit`), then stops the suite. An error only when the suite does not start.
absl::StatusOr<ExampleRun> RunAgainstSuite(const std::string& name, const std::string& command,
                                           absl::Duration limit = absl::Seconds(120));

// Everything the run printed and the services logged, for a failure message.
std::string Describe(const ExampleRun& run);

// The file's contents, for comparison ("" if unreadable).
std::string ReadWholeFile(const std::string& path);

// The checks both client tests make of their example's run, as gtest failures: it exited 0, printed
// the example case's whole published summary (the one the suite test publishes from
// tests/fixtures/cases/2-cafcass-apology), and printed the errors it provoked decoded from the
// grpc-status-details-bin trailer in the common format (the empty SubmitComplaint's code,
// BadRequest field violations and ErrorInfo; the second AcceptRecommendation's code,
// PreconditionFailure and ErrorInfo). Removes the run's directory when every check passed, and
// keeps it for a look otherwise.
void ExpectTheExampleCasePublishedWithDecodedErrors(const ExampleRun& run);

}  // namespace redress::testing
