#if canImport(Synchronization)
  import Synchronization
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

#if canImport(Synchronization) && (canImport(Glibc) || canImport(Darwin))
  /// Persistent threads that run the parts of ``performConcurrently(parts:_:)`` (a parallel
  /// matrix product, for instance), one per extra core.
  ///
  /// A training step issues two large products a few hundred microseconds apart. Waking a
  /// sleeping thread for each (what `DispatchQueue.concurrentPerform` does) costs tens of
  /// microseconds in a virtual machine, and the caller, done with its own part first, sleeps
  /// until the late worker finishes: a quarter of an epoch was lost that way. These workers
  /// instead spin on an atomic counter for ``spinSeconds`` after each job, so the next job
  /// starts within a fraction of a microsecond; only after that quiet time do they block on
  /// a condition variable. OpenBLAS's threads do the same.
  ///
  /// One caller at a time owns the workers (``run(parts:_:)`` returns `false` when another
  /// thread does; that caller then computes its product some other way).
  @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
  final class SpinningWorkers: @unchecked Sendable {
    /// One worker per core beyond the caller's, started on first use.
    static let shared = SpinningWorkers(count: concurrentCoreCount - 1)

    /// How long an idle worker spins before it sleeps.
    static let spinSeconds = 0.000_5

    /// The number of worker threads (the caller is part 0, worker `w` is part `w`).
    let count: Int
    /// Set while a caller owns the workers.
    private let busy = Atomic<Bool>(false)
    /// Bumped once per job; a worker runs a job when it sees a new value.
    private let generation = Atomic<Int>(0)
    /// Worker parts of the current job not finished yet.
    private let remaining = Atomic<Int>(0)
    /// Workers blocked (or about to block) on ``wake``.
    private let sleepers = Atomic<Int>(0)
    /// The current job and its number of parts: written by the owner before it bumps
    /// ``generation`` (release), read by workers after they see the bump (acquire).
    private var job: (@Sendable (Int) -> Void)?
    private var parts = 0
    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let wake = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    private init(count: Int) {
      self.count = max(0, count)
      pthread_mutex_init(lock, nil)
      pthread_cond_init(wake, nil)
      for index in 0..<self.count { start(worker: index + 1) }
    }

    /// Runs `body(part)` for every part in `0..<parts` (at most `count + 1`): part 0 on the
    /// calling thread, the others on the workers, and returns when all are done. Returns
    /// `false` without running anything when another caller owns the workers or `parts` is
    /// out of range.
    func run(parts: Int, _ body: @escaping @Sendable (Int) -> Void) -> Bool {
      guard parts >= 2, parts <= count + 1,
        busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
      else { return false }
      job = body
      self.parts = parts
      remaining.store(count, ordering: .sequentiallyConsistent)
      generation.wrappingAdd(1, ordering: .sequentiallyConsistent)
      if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
        pthread_mutex_lock(lock)
        pthread_cond_broadcast(wake)
        pthread_mutex_unlock(lock)
      }
      body(0)
      // Yields now and then: on a machine whose other core is busy, a worker waiting for this
      // core then runs at once instead of after this thread's time slice.
      var spins = 0
      while remaining.load(ordering: .acquiring) > 0 {
        spins += 1
        if spins & 63 == 0 { sched_yield() }
      }
      job = nil
      busy.store(false, ordering: .releasing)
      return true
    }

    private func start(worker index: Int) {
      let context = Unmanaged.passRetained(WorkerContext(pool: self, index: index)).toOpaque()
      var thread = pthread_t()
      #if canImport(Glibc)
        _ = pthread_create(
          &thread, nil,
          { raw in
            guard let raw else { return nil }
            let context = Unmanaged<WorkerContext>.fromOpaque(raw).takeRetainedValue()
            context.pool.loop(index: context.index)
            return nil
          }, context)
      #else
        _ = pthread_create(
          &thread, nil,
          { raw in
            let context = Unmanaged<WorkerContext>.fromOpaque(raw).takeRetainedValue()
            context.pool.loop(index: context.index)
            return nil
          }, context)
      #endif
      pthread_detach(thread)
    }

    /// A worker's life: wait for a new generation (spinning, then sleeping), run its part if
    /// the job has one, report it done.
    private func loop(index: Int) {
      var seen = 0  // the generation before any job, even one published before this thread ran
      while true {
        seen = waitForJob(after: seen)
        if index < parts, let job { job(index) }
        remaining.subtract(1, ordering: .releasing)
      }
    }

    /// Spins until ``generation`` differs from `seen`, or blocks once ``spinSeconds`` pass.
    private func waitForJob(after seen: Int) -> Int {
      let deadline = monotonicSeconds() + Self.spinSeconds
      var spins = 0
      while true {
        let now = generation.load(ordering: .acquiring)
        if now != seen { return now }
        spins += 1
        if spins & 255 == 0 {
          if monotonicSeconds() > deadline { break }
          // Lets a thread of this process that waits for a core (the caller) run first.
          sched_yield()
        }
      }
      pthread_mutex_lock(lock)
      sleepers.add(1, ordering: .sequentiallyConsistent)
      var now = generation.load(ordering: .sequentiallyConsistent)
      while now == seen {
        pthread_cond_wait(wake, lock)
        now = generation.load(ordering: .sequentiallyConsistent)
      }
      sleepers.subtract(1, ordering: .sequentiallyConsistent)
      pthread_mutex_unlock(lock)
      return now
    }
  }

  /// What a worker thread is started with.
  @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
  private final class WorkerContext {
    let pool: SpinningWorkers
    let index: Int
    init(pool: SpinningWorkers, index: Int) {
      self.pool = pool
      self.index = index
    }
  }
#endif
