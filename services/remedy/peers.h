// What remedy asks of the other services, as interfaces so that the logic is tested with fakes:
// investigation for the case it publishes and the state it is in, intake for the personal data
// (and the names of organisations published anonymously) the anonymisation guard checks against.
// gRPC implementations: peer_clients.h.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/remedy/anonymisation_guard.h"
#include "services/remedy/case_summary.h"

namespace redress::remedy {

// An investigation as investigation holds it: its state, and its content as a case to publish.
// Whether it can be published is the logic's rule (publishable_case.h).
struct CaseOnRecord {
  std::string state;  // as investigation names it, without the prefix: "DECIDED", "WITHDRAWN"
  DecidedCase content;
};

class CaseReader {
 public:
  virtual ~CaseReader() = default;
  // The investigation `investigation_id`, whatever its state. NOT_FOUND when investigation has no
  // such investigation; UNAVAILABLE or DEADLINE_EXCEEDED when it cannot be asked by `deadline`.
  // Thread-safe.
  virtual absl::StatusOr<CaseOnRecord> GetCase(std::string_view investigation_id,
                                               absl::Time deadline) = 0;
};

class PersonalDetailsSource {
 public:
  virtual ~PersonalDetailsSource() = default;
  // What the guard checks `complaint` ("complaints/{complaint}") against: everyone recorded on it
  // with their personal details, the name of the MP who referred it, and the register names of
  // its organisations that are published anonymously. For this one check: the caller must not
  // keep it. Thread-safe.
  virtual absl::StatusOr<PersonalDataOnCase> GetPersonalData(std::string_view complaint,
                                                             absl::Time deadline) = 0;
};

}  // namespace redress::remedy
