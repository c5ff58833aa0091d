#if canImport(Synchronization)
  import Synchronization
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

#if canImport(Synchronization) && (canImport(Glibc) || canImport(Darwin))
  /// Persistent threads that help run the parts of ``performConcurrently(parts:_:)`` (a
  /// parallel matrix product, for instance), one per extra core.
  ///
  /// A training step issues two large products a few hundred microseconds apart. Waking a
  /// sleeping thread for each (what `DispatchQueue.concurrentPerform` does) costs tens of
  /// microseconds in a virtual machine, and the caller, done with its own part first, sleeps
  /// until the late worker finishes: a quarter of an epoch was lost that way. These workers
  /// instead spin for ``spinSeconds`` after each job, so the next job starts within a fraction
  /// of a microsecond; only after that quiet time do they block on a condition variable.
  ///
  /// Part 0 runs on the caller; the others are claimed, not assigned: the workers, and the
  /// caller once part 0 is done, take the next unclaimed part until none is left, so when the
  /// machine is oversubscribed and a worker is not running, the caller does its parts instead
  /// of waiting for it. Spinning threads yield the processor
  /// (`sched_yield`) as they spin, so they cost other processes little.
  ///
  /// One caller at a time owns the workers (``run(parts:_:)`` returns `false` when another
  /// thread does; that caller then runs its parts some other way).
  @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
  final class SpinningWorkers: @unchecked Sendable {
    /// One worker per core beyond the caller's, started on first use.
    static let shared = SpinningWorkers(count: concurrentCoreCount - 1)

    /// How long an idle worker spins before it sleeps: half a millisecond in release builds;
    /// none in debug builds, whose tests run side by side on every core (a spinning worker
    /// would take time from them) and say nothing about speed.
    static let spinSeconds: Double = {
      #if DEBUG
        return 0
      #else
        return 0.000_5
      #endif
    }()

    /// How long the owner spins for parts still running on workers before it blocks.
    static let ownerSpinSeconds = 0.000_2

    #if DEBUG
      /// Tests only: seconds a worker busy-waits right after its part counts as finished,
      /// which widens the window in which the owner returns and starts its next job.
      nonisolated(unsafe) static var delayAfterPart = 0.0
    #endif

    /// The number of worker threads.
    let count: Int
    /// Set while a caller owns the workers.
    private let busy = Atomic<Bool>(false)
    /// The current job's ticket: its generation (bits 32…), number of parts (bits 16…31) and
    /// next unclaimed part (bits 0…15). Claiming a part is a compare-and-exchange on the
    /// whole word, so a late worker cannot claim a part of a newer job for an older one.
    private let ticket = Atomic<Int>(0)
    /// Parts of the current job finished.
    private let finished = Atomic<Int>(0)
    /// Workers blocked (or about to block) on ``wake``.
    private let sleepers = Atomic<Int>(0)
    /// The generation of the last background job (``start(_:)``) that finished.
    private let backgroundFinished = Atomic<Int>(0)
    /// Set while the current job is a background job: the worker that runs it releases the
    /// workers when it is done. Written by the owner before it publishes the ticket.
    private var background = false
    /// Set while the owner blocks on ``allDone``.
    private let ownerSleeps = Atomic<Bool>(false)
    /// The current job: written by the owner before it publishes the ticket (release), read
    /// by a worker only after it has claimed a part (the owner rewrites it only after every
    /// part finished).
    private var job: (@Sendable (Int) -> Void)?
    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let wake = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let allDone = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    private init(count: Int) {
      self.count = max(0, count)
      pthread_mutex_init(lock, nil)
      pthread_cond_init(wake, nil)
      pthread_cond_init(allDone, nil)
      for _ in 0..<self.count { startWorker() }
    }

    /// Runs `body(part)` for every part in `0..<parts` (2 ≤ `parts` < 2¹⁶) on the calling
    /// thread and the workers, and returns when all are done. Returns `false` without running
    /// anything when another caller owns the workers or `parts` is out of range.
    func run(parts: Int, _ body: @escaping @Sendable (Int) -> Void) -> Bool {
      guard count > 0, parts >= 2, parts < 1 << 16,
        busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
      else { return false }
      // Part 0 is the caller's (next claim: part 1), so that the caller always handles the
      // same share of the data (the first rows of a batch it gathered, say) and keeps it in
      // its own cache; it claims the rest with the workers once part 0 is done.
      let generation = publish(body, parts: parts, firstClaim: 1, background: false)
      body(0)
      finished.add(1, ordering: .sequentiallyConsistent)
      work(generation: generation)
      waitUntilFinished(parts: parts)
      job = nil
      busy.store(false, ordering: .releasing)
      return true
    }

    /// Starts `body` on a worker and returns its job's generation at once, for
    /// ``waitForBackground(_:)``; or returns `nil`, running nothing, when another caller owns
    /// the workers or there are none. The workers stay owned until `body` returns, so
    /// ``run(parts:_:)`` refuses meanwhile (its caller runs the parts itself).
    func start(_ body: @escaping @Sendable () -> Void) -> Int? {
      guard count > 0,
        busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
      else { return nil }
      // One part, part 0, for a worker to claim.
      return publish({ _ in body() }, parts: 1, firstClaim: 0, background: true)
    }

    /// Makes `body` the next job, of `parts` parts with `firstClaim` the first part to claim,
    /// and wakes sleeping workers; returns its generation. The caller owns the workers.
    private func publish(
      _ body: @escaping @Sendable (Int) -> Void, parts: Int, firstClaim: Int, background: Bool
    ) -> Int {
      job = body
      self.background = background
      finished.store(0, ordering: .relaxed)
      let generation = (ticket.load(ordering: .relaxed) >> 32) + 1
      ticket.store(
        generation << 32 | parts << 16 | firstClaim, ordering: .sequentiallyConsistent)
      if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
        pthread_mutex_lock(lock)
        pthread_cond_broadcast(wake)
        pthread_mutex_unlock(lock)
      }
      return generation
    }

    /// Returns once the background job `generation` (``start(_:)``) has finished, spinning
    /// and yielding the processor meanwhile.
    func waitForBackground(_ generation: Int) {
      var spins = 0
      while backgroundFinished.load(ordering: .acquiring) < generation {
        spins += 1
        if spins & 63 == 0 { sched_yield() }
      }
    }

    /// Claims and runs parts of job `generation` until none is left.
    private func work(generation: Int) {
      while true {
        let current = ticket.load(ordering: .acquiring)
        let (parts, next) = ((current >> 16) & 0xFFFF, current & 0xFFFF)
        guard current >> 32 == generation, next < parts else { return }
        guard
          ticket.compareExchange(
            expected: current, desired: current + 1, ordering: .acquiringAndReleasing
          ).exchanged
        else { continue }
        // Read before this part counts as finished: from then on, the owner of a job of
        // several parts may return and start the next job, which rewrites both.
        let isBackground = background
        job?(next)
        let done = finished.add(1, ordering: .sequentiallyConsistent).newValue
        #if DEBUG
          if Self.delayAfterPart > 0 {
            let end = monotonicSeconds() + Self.delayAfterPart
            while monotonicSeconds() < end {}
          }
        #endif
        if isBackground {
          // The job's only part: release the workers, then tell the waiting owner.
          background = false
          job = nil
          busy.store(false, ordering: .releasing)
          backgroundFinished.store(generation, ordering: .releasing)
          return
        }
        if done == parts && ownerSleeps.load(ordering: .sequentiallyConsistent) {
          pthread_mutex_lock(lock)
          pthread_cond_signal(allDone)
          pthread_mutex_unlock(lock)
        }
      }
    }

    /// The owner's wait for the parts that workers claimed: a spin of up to
    /// ``ownerSpinSeconds`` (they usually end within microseconds of the owner's own), then,
    /// when a worker was preempted inside its part (an oversubscribed machine), a blocking
    /// wait for the last part's signal.
    private func waitUntilFinished(parts: Int) {
      let deadline = monotonicSeconds() + Self.ownerSpinSeconds
      var spins = 0
      while finished.load(ordering: .acquiring) < parts {
        spins += 1
        if spins & 255 == 0 && monotonicSeconds() > deadline { break }
      }
      guard finished.load(ordering: .acquiring) < parts else { return }
      pthread_mutex_lock(lock)
      ownerSleeps.store(true, ordering: .sequentiallyConsistent)
      while finished.load(ordering: .sequentiallyConsistent) < parts {
        pthread_cond_wait(allDone, lock)
      }
      ownerSleeps.store(false, ordering: .sequentiallyConsistent)
      pthread_mutex_unlock(lock)
    }

    private func startWorker() {
      let context = Unmanaged.passRetained(self).toOpaque()
      var thread = pthread_t()
      #if canImport(Glibc)
        _ = pthread_create(
          &thread, nil,
          { raw in
            guard let raw else { return nil }
            Unmanaged<SpinningWorkers>.fromOpaque(raw).takeRetainedValue().loop()
            return nil
          }, context)
      #else
        _ = pthread_create(
          &thread, nil,
          { raw in
            Unmanaged<SpinningWorkers>.fromOpaque(raw).takeRetainedValue().loop()
            return nil
          }, context)
      #endif
      pthread_detach(thread)
    }

    /// A worker's life: wait for a new generation (spinning, then sleeping) and help run it.
    private func loop() {
      var seen = 0  // the generation before any job, even one published before this thread ran
      while true {
        seen = waitForJob(after: seen)
        work(generation: seen)
      }
    }

    /// Spins (yielding) until the ticket's generation differs from `seen`, or blocks once
    /// ``spinSeconds`` pass; returns the new generation.
    private func waitForJob(after seen: Int) -> Int {
      let deadline = monotonicSeconds() + Self.spinSeconds
      var spins = 0
      while true {
        let now = ticket.load(ordering: .acquiring) >> 32
        if now != seen { return now }
        spins += 1
        if spins & 63 == 0 {
          if monotonicSeconds() > deadline { break }
          sched_yield()
        }
      }
      pthread_mutex_lock(lock)
      sleepers.add(1, ordering: .sequentiallyConsistent)
      var now = ticket.load(ordering: .sequentiallyConsistent) >> 32
      while now == seen {
        pthread_cond_wait(wake, lock)
        now = ticket.load(ordering: .sequentiallyConsistent) >> 32
      }
      sleepers.subtract(1, ordering: .sequentiallyConsistent)
      pthread_mutex_unlock(lock)
      return now
    }
  }
#endif
