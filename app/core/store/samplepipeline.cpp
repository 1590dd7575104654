// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/samplepipeline.h"

#include "store/blobtee.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>

namespace capaudit {

namespace {

constexpr qsizetype kBatch = 4096; // samples per hand-over: the queue lock is taken once per batch, not per sample
constexpr size_t kQueueDepth = 8; // batches in flight; bounds memory (~8 x 4096 samples)
constexpr size_t kBacklog = 2; // this many waiting items mean the storing thread has no time to compress a chunk

struct Item {
    QList<UsageSample> samples;
    std::optional<std::pair<qint64, qint64>> chunk; // (blob, chunk number) when this item is a file chunk
    QByteArray raw; // the chunk, when the storing thread is to compress it
    blobcodec::StoredChunk stored; // the chunk, compressed by the parser
    qint64 bytesRead = 0;
    bool end = false;
};

class Queue {
public:
    // False when the consumer gave up: the producer must stop.
    bool push(Item item)
    {
        std::unique_lock lock(m_mutex);
        m_notFull.wait(lock, [&] { return m_items.size() < kQueueDepth || m_stopped; });
        if (m_stopped)
            return false;
        m_items.push_back(std::move(item));
        m_notEmpty.notify_one();
        return true;
    }
    // The producer's last item: always accepted, also after stop(), so the consumer's drain ends.
    void pushLast(Item item)
    {
        std::lock_guard lock(m_mutex);
        m_items.push_back(std::move(item));
        m_notEmpty.notify_one();
    }
    Item pop()
    {
        std::unique_lock lock(m_mutex);
        m_notEmpty.wait(lock, [&] { return !m_items.empty(); });
        Item item = std::move(m_items.front());
        m_items.pop_front();
        m_notFull.notify_one();
        return item;
    }
    // Whether the consumer is behind: items are waiting for it.
    bool backlogged()
    {
        std::lock_guard lock(m_mutex);
        return m_items.size() >= kBacklog;
    }
    void stop()
    {
        std::lock_guard lock(m_mutex);
        m_stopped = true;
        m_notFull.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_notFull, m_notEmpty;
    std::deque<Item> m_items;
    bool m_stopped = false;
};

class BatchSink final : public UsageSink {
public:
    BatchSink(Queue& queue, const BlobTee& tee)
        : m_queue(queue)
        , m_tee(tee)
    {
        m_batch.reserve(kBatch);
    }
    Status addSample(const UsageSample& sample) override
    {
        m_batch.append(sample);
        if (m_batch.size() == kBatch)
            return flush();
        return {};
    }
    Status flush()
    {
        if (m_batch.isEmpty())
            return {};
        Item item;
        item.samples = std::move(m_batch);
        item.bytesRead = m_tee.consumed();
        m_batch = {};
        m_batch.reserve(kBatch);
        if (!m_queue.push(std::move(item)))
            return Error(m_tee.relativePath(), QStringLiteral("import stopped"));
        return {};
    }

private:
    Queue& m_queue;
    const BlobTee& m_tee;
    QList<UsageSample> m_batch;
};

} // namespace

Result<qint64> SamplePipeline::run(
    BlobTee& tee, const Parse& parse, UsageSink& target, const StoreChunk& storeChunk, const Progress& progress)
{
    Queue queue;
    tee.setChunkSink([&](qint64 blob, qint64 chunk, QByteArray raw) -> Status {
        Item item;
        item.chunk = std::pair { blob, chunk };
        // A chunk is compressed by the thread with time to spare: the parser when the storing thread is behind (a
        // native CSV's many samples), else the storing thread (an exporter's text: much text, few samples, so the
        // storing thread would wait). zstd gives the same bytes on either thread.
        if (queue.backlogged())
            item.stored = blobcodec::encode(std::move(raw));
        else
            item.raw = std::move(raw);
        item.bytesRead = tee.consumed();
        if (!queue.push(std::move(item)))
            return Error(tee.relativePath(), QStringLiteral("import stopped"));
        return {};
    });
    std::optional<Result<qint64>> produced;
    // A process out of memory or threads cannot start the parser; that is an import error, not a crash.
    std::thread parser;
    try {
        parser = std::thread([&] {
            BatchSink sink(queue, tee);
            Status parsed = parse(tee, sink);
            if (parsed)
                parsed = sink.flush();
            produced = parsed ? tee.finish() : Result<qint64>(parsed.error());
            Item end;
            end.end = true;
            queue.pushLast(std::move(end));
        });
    } catch (const std::system_error& e) {
        tee.setChunkSink({});
        return Error(tee.relativePath(),
            QStringLiteral("cannot start the import's parser thread: %1").arg(QString::fromLocal8Bit(e.what())));
    }

    Status consumed;
    for (;;) {
        Item item = queue.pop();
        if (item.end)
            break;
        if (!consumed)
            continue; // drain until the parser has seen the stop
        if (item.chunk) {
            if (!item.raw.isNull())
                item.stored = blobcodec::encode(std::move(item.raw));
            consumed = storeChunk(item.chunk->first, item.chunk->second, item.stored);
        }
        for (const UsageSample& sample : std::as_const(item.samples)) {
            if (!consumed)
                break;
            consumed = target.addSample(sample);
        }
        if (!consumed)
            queue.stop();
        else if (progress)
            progress(item.bytesRead);
    }
    parser.join();
    tee.setChunkSink({});
    if (!consumed)
        return consumed.error();
    return *produced;
}

} // namespace capaudit
