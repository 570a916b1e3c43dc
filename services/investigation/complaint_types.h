// The controlled vocabulary of complaint types (DESIGN §3): how the organisation handled the
// complaint, as the published labels. The labels are data, data/complaint_types.txt (one label
// per line), embedded into the build, so extending the vocabulary needs no code change.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace redress::investigation {

// The labels of data/complaint_types.txt, in file order.
const std::vector<std::string>& ComplaintTypeLabels();

// Whether `label` is exactly one of ComplaintTypeLabels() (case and spacing included).
bool IsComplaintType(std::string_view label);

// The labels in a vocabulary file's text: one per line, without a trailing "\r" and surrounding
// spaces; blank lines are skipped.
std::vector<std::string> ParseVocabulary(std::string_view text);

}  // namespace redress::investigation
