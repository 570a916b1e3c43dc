#include "services/remedy/erased_case.h"

#include <optional>

#include "common/errors.h"
#include "common/status_macros.h"
#include "services/remedy/personal_data.h"

namespace redress::remedy {

absl::Status CheckNotErased(RemedyStore& store, const std::string& investigation_id,
                            std::string_view resource_name) {
  ASSIGN_OR_RETURN(std::optional<absl::Time> erase_time,
                   store.GetCaseErasureTime(investigation_id));
  if (!erase_time.has_value()) return absl::OkStatus();
  return PreconditionFailed("STATE", resource_name, "the personal data of its case has been erased",
                            kReasonErased);
}

}  // namespace redress::remedy
