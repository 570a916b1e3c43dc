// Internal to PostgresStore: a complaint's assessments -- the current one and those a review
// reopened, each with its checks and its organisations' parts -- and its reviews of assessment
// decisions, as child rows of the schema in postgres_store_schema.cc. Within the caller's
// transaction; a write replaces them all.
#pragma once

#include <string_view>

#include "absl/status/status.h"
#include "common/store/postgres/connection.h"
#include "services/intake/complaint.h"

namespace redress::intake::pg_assessments {

// Sets `complaint.assessment`, `previous_assessments` and `reviews` from the rows of
// `complaint.id`.
absl::Status Load(pg::Connection& connection, Complaint& complaint);
// Writes the rows of `complaint`'s assessments and reviews. REQUIRES: none are stored for it
// (Delete first).
absl::Status Insert(pg::Connection& connection, const Complaint& complaint);
// Deletes the rows of the complaint `complaint_id`'s assessments and reviews.
absl::Status Delete(pg::Connection& connection, std::string_view complaint_id);

}  // namespace redress::intake::pg_assessments
