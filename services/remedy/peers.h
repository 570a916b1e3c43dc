// What remedy asks of the other services, as interfaces so that the logic is tested with fakes:
// investigation for the case it publishes and the state it is in, intake for the personal details
// the anonymisation guard checks against. gRPC implementations: peer_clients.h.
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
  // Everyone recorded on `complaint` ("complaints/{complaint}") with their personal details.
  // Thread-safe.
  virtual absl::StatusOr<std::vector<PersonOnCase>> GetPeople(std::string_view complaint,
                                                              absl::Time deadline) = 0;
};

}  // namespace redress::remedy
