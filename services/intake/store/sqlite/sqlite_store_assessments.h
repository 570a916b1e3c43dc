// Internal to SqliteStore: a complaint's assessments -- the current one and those a review
// reopened, each with its checks and its organisations' parts -- and its reviews of assessment
// decisions, as child rows of the schema in sqlite_store_schema.cc. Within the caller's
// transaction; a write replaces them all.
#pragma once

#include "absl/status/status.h"
#include "common/store/sqlite/sqlite.h"
#include "services/intake/complaint.h"

namespace redress::intake::sqlite_assessments {

// Sets `complaint.assessment`, `previous_assessments` and `reviews` from the rows of
// `complaint.id`.
absl::Status Load(Connection& connection, Complaint& complaint);

// Writes the rows of `complaint`'s assessments and reviews. REQUIRES: none are stored for it
// (Delete first).
absl::Status Insert(Connection& connection, const Complaint& complaint);

// Deletes the rows of the complaint `complaint_id`'s assessments and reviews.
absl::Status Delete(Connection& connection, std::string_view complaint_id);

}  // namespace redress::intake::sqlite_assessments
