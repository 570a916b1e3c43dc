// The rule that an erased case takes no change that could bring personal text back
// (docs/privacy.md): the check each such change makes after its validation, etag and state checks.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "services/remedy/store/store.h"

namespace redress::remedy {

// FAILED_PRECONDITION (reason ERASED, subject `resource_name`) if the personal data of
// investigations/{investigation_id} has been erased; OK otherwise. Store errors as they are.
absl::Status CheckNotErased(RemedyStore& store, const std::string& investigation_id,
                            std::string_view resource_name);

}  // namespace redress::remedy
