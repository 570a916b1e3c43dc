// Transaction (sqlite.h): BEGIN IMMEDIATE ... COMMIT on a locked Connection.
#include <sqlite3.h>

#include <utility>

#include "common/status_macros.h"
#include "common/store/sqlite/sqlite.h"

namespace redress {

Transaction::Transaction(Transaction&& other) noexcept
    : connection_(std::exchange(other.connection_, nullptr)) {}

Transaction::~Transaction() {
  if (connection_ == nullptr) return;
  // SQLite may already have rolled back after some errors; ROLLBACK then fails harmlessly.
  if (connection_->in_transaction()) {
    connection_->Exec("ROLLBACK").IgnoreError();
  }
}

absl::Status Transaction::Commit() {
  if (connection_ == nullptr) return absl::FailedPreconditionError("transaction already ended");
  RETURN_IF_ERROR(connection_->Exec("COMMIT"));
  connection_ = nullptr;
  return absl::OkStatus();
}

}  // namespace redress
