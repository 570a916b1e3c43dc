// What operators do with hand-offs that could not be delivered (docs/reliability.md): list the
// parked ones, look at one, re-drive it (it is sent again, in its place among its case's
// hand-offs) or discard it (it is never sent). The same rules for every sending service, over a
// service's own outbox (ParkedHandoffSource). No gRPC: the services' adapters translate.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/clock.h"
#include "common/outbox.h"
#include "common/store/request_record.h"

namespace redress {

// A stored hand-off as an operator sees it. Its name is "handoffs/{id}", the outbox id that the
// sender's log lines carry.
struct StoredHandoff {
  int64_t id = 0;
  std::string handoff_key;
  std::string order_key;  // the case it belongs to, e.g. "complaints/c-1"
  // What it hands over, without personal data: e.g. "acceptance of complaints/c-1 (2
  // organisations)", or why its payload cannot be read.
  std::string summary;
  absl::Time create_time = absl::InfinitePast();
  int attempts = 0;  // since it was recorded or last re-driven
  std::optional<absl::Time> last_attempt_time;
  std::string last_error;
  std::optional<absl::Time> delivered_time;
  OutboxParking parking;

  OutboxState state() const { return StateOf(delivered_time, parking); }
};

// A service's outbox as ParkedHandoffs uses it; each sending service adapts its store. Errors as
// the store's (NOT_FOUND naming "handoffs/{id}", FAILED_PRECONDITION for an entry not parked).
class ParkedHandoffSource {
 public:
  virtual ~ParkedHandoffSource() = default;
  // Parked hand-offs with id > `after_id`, in id order, at most `limit`.
  virtual absl::StatusOr<std::vector<StoredHandoff>> ListParked(int64_t after_id, int limit) = 0;
  virtual absl::StatusOr<int64_t> CountParked() = 0;
  virtual absl::StatusOr<StoredHandoff> Get(int64_t id) = 0;
  // Unparks parked hand-off `id` and stores `request`, atomically (and audited).
  virtual absl::Status Redrive(int64_t id, const RequestRecord& request) = 0;
  // Discards parked hand-off `id` and stores `request`, atomically (and audited).
  virtual absl::Status Discard(int64_t id, const OutboxDiscard& discard,
                               const RequestRecord& request) = 0;
  virtual absl::StatusOr<std::optional<RequestRecord>> FindRequest(std::string_view scope,
                                                                   std::string_view request_id) = 0;
};

// The operator's requests. Names are "handoffs/{id}" with a positive decimal id; anything else
// is INVALID_ARGUMENT on "name". Re-drive and discard take a request_id (CheckRequestId) and the
// fingerprint of the request's body: a retry with the same request_id and body returns the
// hand-off as it is now, without a second change; the same request_id with another body is
// INVALID_ARGUMENT (REQUEST_ID_REUSED). Only a parked hand-off can be re-driven or discarded:
// otherwise FAILED_PRECONDITION (INVALID_STATE_TRANSITION, naming its state). Thread-safe.
class ParkedHandoffs {
 public:
  // Page sizes of List.
  static constexpr int kDefaultPageSize = 50;
  static constexpr int kMaxPageSize = 500;
  // The longest discard reason, in characters.
  static constexpr size_t kMaxReasonChars = 1000;

  struct Page {
    std::vector<StoredHandoff> handoffs;
    std::string next_page_token;  // "" on the last page
    int64_t total_size = 0;       // parked now
  };

  // REQUIRES: `source` and `clock` outlive this object.
  ParkedHandoffs(ParkedHandoffSource& source, const Clock& clock)
      : source_(source), clock_(clock) {}

  // Parked hand-offs in id order (the order they were recorded, and will be sent in).
  absl::StatusOr<Page> List(int page_size, const std::string& page_token);
  absl::StatusOr<StoredHandoff> Get(const std::string& name);
  // Makes parked hand-off `name` pending again: it keeps its id, so it is delivered before the
  // later hand-offs of its case, which it held back; its attempts count afresh.
  absl::StatusOr<StoredHandoff> Redrive(const std::string& name, const std::string& request_id,
                                        const std::string& fingerprint);
  // Marks parked hand-off `name` discarded by `actor` for `reason` (required): it is never sent,
  // and the later hand-offs of its case go on without it.
  absl::StatusOr<StoredHandoff> Discard(const std::string& name, const std::string& request_id,
                                        const std::string& reason, const std::string& actor,
                                        const std::string& fingerprint);

 private:
  ParkedHandoffSource& source_;
  const Clock& clock_;
};

// "handoffs/{id}".
std::string HandoffName(int64_t id);

}  // namespace redress
