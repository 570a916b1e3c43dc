#include "common/store/postgres/pool.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

namespace redress::pg {

namespace {
constexpr char kPoolConnectionsHelp[] =
    "Connections to PostgreSQL the pool holds: open (in use, idle or opening) and idle.";
}  // namespace

// --- PooledConnection. ---

PooledConnection::PooledConnection(PooledConnection&& other) noexcept
    : pool_(other.pool_),
      connection_(std::move(other.connection_)),
      generation_(other.generation_) {}

PooledConnection::~PooledConnection() {
  if (connection_ != nullptr) pool_->Release(std::move(connection_), generation_);
}

// --- Pool. ---

absl::StatusOr<std::unique_ptr<Pool>> Pool::Create(std::string url, const PoolOptions& options) {
  if (options.size < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("the connection pool size must be at least 1, not ", options.size));
  }
  // Parsing only: reports a malformed URL now rather than at the first query.
  RETURN_IF_ERROR(CheckDatabaseUrl(url));
  return std::unique_ptr<Pool>(new Pool(std::move(url), options));
}

Pool::Pool(std::string url, const PoolOptions& options)
    : url_(std::move(url)),
      options_(options),
      open_gauge_("redress_store_pool_connections", kPoolConnectionsHelp, "state", "open",
                  [this] { return open_connections(); }),
      idle_gauge_("redress_store_pool_connections", kPoolConnectionsHelp, "state", "idle",
                  [this] { return idle_connections(); }),
      size_gauge_("redress_store_pool_size", "Most connections the pool may open.",
                  [this] { return options_.size; }) {}

Pool::~Pool() = default;

bool Pool::CanAcquire() const { return !idle_.empty() || open_ < options_.size; }

absl::StatusOr<PooledConnection> Pool::Acquire() {
  return Acquire(absl::Now() + options_.acquire_timeout);
}

absl::StatusOr<PooledConnection> Pool::Acquire(absl::Time deadline) {
  while (true) {
    Idle candidate;
    uint64_t generation = 0;
    {
      absl::MutexLock lock(&mu_);
      if (!mu_.AwaitWithDeadline(absl::Condition(this, &Pool::CanAcquire), deadline)) {
        metrics::CountStoreError("postgres_pool", absl::StatusCode::kUnavailable);
        return absl::UnavailableError(absl::StrCat("no database connection free within the wait (",
                                                   options_.size, " in use)"));
      }
      generation = generation_;
      if (!idle_.empty()) {
        candidate = std::move(idle_.back());
        idle_.pop_back();
      } else {
        ++open_;
      }
    }
    if (candidate.connection == nullptr) {
      absl::StatusOr<std::unique_ptr<Connection>> opened = Connection::Open(url_, options_.connect);
      if (!opened.ok()) {
        absl::MutexLock lock(&mu_);
        --open_;
        return opened.status();
      }
      return PooledConnection(this, *std::move(opened), generation);
    }
    if (candidate.connection->CheckIdle()) {
      return PooledConnection(this, std::move(candidate.connection), candidate.generation);
    }
    std::vector<Idle> retired;
    {
      absl::MutexLock lock(&mu_);
      retired = Forget(candidate.generation, /*lost=*/true);
    }
    // `candidate` and `retired` close here, outside the lock.
  }
}

void Pool::Release(std::unique_ptr<Connection> connection, uint64_t generation) {
  const bool lost = connection->broken();
  std::vector<Idle> retired;
  {
    absl::MutexLock lock(&mu_);
    if (!lost && !connection->in_transaction() && generation == generation_) {
      idle_.push_back({std::move(connection), generation});
      return;
    }
    retired = Forget(generation, lost);
  }
  // `connection` and `retired` close here, outside the lock.
}

std::vector<Pool::Idle> Pool::Forget(uint64_t generation, bool lost) {
  --open_;
  std::vector<Idle> retired;
  if (!lost || generation != generation_) return retired;
  ++generation_;
  open_ -= static_cast<int>(idle_.size());
  retired.swap(idle_);
  return retired;
}

int Pool::open_connections() const {
  absl::MutexLock lock(&mu_);
  return open_;
}

int Pool::idle_connections() const {
  absl::MutexLock lock(&mu_);
  return static_cast<int>(idle_.size());
}

}  // namespace redress::pg
