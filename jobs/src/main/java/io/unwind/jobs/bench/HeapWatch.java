package io.unwind.jobs.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Watches the heap through the JVM's garbage-collection notifications: the most heap in use
 * right after a collection (the retained data plus garbage the collection did not reach, which
 * is what grows when something holds on to per-path data), the number of collections and their
 * time, per phase ({@link #mark}).
 *
 * <p>Notifications arrive on a JMX thread shortly after each collection; a collection in the last
 * moments of a phase may be counted in the next one.
 */
public final class HeapWatch implements AutoCloseable {
  private final Set<String> heapPools = new HashSet<>();
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener listener = this::onNotification;
  private final AtomicLong maxUsedAfterGc = new AtomicLong();
  private final AtomicLong collections = new AtomicLong();
  private final AtomicLong gcMillis = new AtomicLong();

  /**
   * Heap use over one phase.
   *
   * @param maxUsedAfterGc the most heap in use right after a collection, bytes (0: no collection)
   * @param collections collections
   * @param gcMillis time the collections took, summed (pauses and concurrent phases alike)
   */
  public record Phase(long maxUsedAfterGc, long collections, long gcMillis) {
  }

  private HeapWatch() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        heapPools.add(pool.getName());
      }
    }
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        emitters.add(emitter);
      }
    }
  }

  /** Starts watching. */
  public static HeapWatch start() {
    return new HeapWatch();
  }

  /** The heap's limit ({@code -Xmx}), bytes. */
  public static long maxHeap() {
    return Runtime.getRuntime().maxMemory();
  }

  /** What was seen since the last mark (or the start), and starts a new phase. */
  public Phase mark() {
    return new Phase(maxUsedAfterGc.getAndSet(0), collections.getAndSet(0), gcMillis.getAndSet(0));
  }

  private void onNotification(Notification n, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
      return;
    }
    GcInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()).getGcInfo();
    long used = 0;
    for (Map.Entry<String, MemoryUsage> pool : info.getMemoryUsageAfterGc().entrySet()) {
      if (heapPools.contains(pool.getKey())) {
        used += pool.getValue().getUsed();
      }
    }
    maxUsedAfterGc.accumulateAndGet(used, Math::max);
    collections.incrementAndGet();
    gcMillis.addAndGet(info.getDuration());
  }

  @Override
  public void close() {
    for (NotificationEmitter emitter : emitters) {
      try {
        emitter.removeNotificationListener(listener);
      } catch (ListenerNotFoundException e) {
        // Already gone: nothing to undo.
      }
    }
  }
}
