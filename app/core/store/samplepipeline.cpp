// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/samplepipeline.h"

#include "store/blobtee.h"

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>

namespace capaudit {

namespace {

constexpr qsizetype kBatch = 4096; // samples per hand-over: the queue lock is taken once per batch, not per sample
constexpr size_t kQueueDepth = 8; // items in flight; bounds memory (~8 x 4096 samples)
constexpr size_t kBacklog = 2; // this many waiting items mean the storing thread has no time to compress a chunk
// Batches a worker keeps while the payload before its own is still being stored (~24 MB of samples): enough for a
// typical exporter file to be parsed whole ahead of its turn, bounded for any file.
constexpr size_t kHeldBatches = 48;

struct Item {
    qsizetype job = 0;
    QList<UsageSample> samples;
    std::optional<std::pair<qint64, qint64>> chunk; // (blob, chunk number) when this item is a file chunk
    QByteArray raw; // the chunk, when the storing thread is to compress it
    blobcodec::StoredChunk stored; // the chunk, compressed by the parser
    qint64 bytesRead = 0;
    std::optional<Result<qint64>> end; // the job's last item: its blob id or its error
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
    // A worker's last item: always accepted, also after stop(), so the consumer's drain ends.
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
        m_turnChanged.notify_all();
    }
    // The job whose samples the consumer takes now.
    bool isTurn(qsizetype job)
    {
        std::lock_guard lock(m_mutex);
        return m_turn == job;
    }
    // False when the consumer gave up first.
    bool waitTurn(qsizetype job)
    {
        std::unique_lock lock(m_mutex);
        m_turnChanged.wait(lock, [&] { return m_turn == job || m_stopped; });
        return !m_stopped;
    }
    void setTurn(qsizetype job)
    {
        std::lock_guard lock(m_mutex);
        m_turn = job;
        m_turnChanged.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_notFull, m_notEmpty, m_turnChanged;
    std::deque<Item> m_items;
    qsizetype m_turn = 0;
    bool m_stopped = false;
};

// Batches one worker's samples. Until its job's turn it holds them (up to kHeldBatches), then waits for the turn.
class BatchSink final : public UsageSink {
public:
    BatchSink(Queue& queue, const BlobTee& tee, qsizetype job)
        : m_queue(queue)
        , m_tee(tee)
        , m_job(job)
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
        item.job = m_job;
        item.samples = std::move(m_batch);
        item.bytesRead = m_tee.consumed();
        m_batch = {};
        m_batch.reserve(kBatch);
        if (!m_hasTurn && !m_queue.isTurn(m_job) && m_held.size() < kHeldBatches) {
            m_held.push_back(std::move(item));
            return {};
        }
        if (Status s = takeTurn(); !s)
            return s;
        return m_queue.push(std::move(item)) ? Status() : stopped();
    }
    // Waits for the job's turn and hands over what was held.
    Status takeTurn()
    {
        if (m_hasTurn)
            return {};
        if (!m_queue.waitTurn(m_job))
            return stopped();
        m_hasTurn = true;
        for (Item& held : m_held)
            if (!m_queue.push(std::move(held)))
                return stopped();
        m_held.clear();
        return {};
    }

private:
    Error stopped() const
    {
        return Error(m_tee.relativePath(), QStringLiteral("import stopped"));
    }

    Queue& m_queue;
    const BlobTee& m_tee;
    const qsizetype m_job;
    QList<UsageSample> m_batch;
    std::deque<Item> m_held;
    bool m_hasTurn = false;
};

void work(Queue& queue, const SamplePipeline::Job& job, qsizetype index)
{
    BatchSink sink(queue, *job.tee, index);
    Status parsed = job.parse(*job.tee, sink);
    if (parsed)
        parsed = sink.flush();
    Item last;
    last.job = index;
    last.end = parsed ? job.tee->finish() : Result<qint64>(parsed.error());
    // The end (and an error) is told in job order, so the error reported is the one a sequential import would give.
    if (*last.end) {
        if (Status s = sink.takeTurn(); !s)
            last.end = Result<qint64>(s.error());
    } else if (!queue.waitTurn(index)) {
        last.end = Result<qint64>(Error(job.tee->relativePath(), QStringLiteral("import stopped")));
    }
    queue.pushLast(std::move(last));
}

} // namespace

Status SamplePipeline::run(const std::vector<Job>& jobs, UsageSink& target, const StoreChunk& storeChunk,
    const Progress& progress, const Begin& begin, const End& end, int parsers)
{
    if (jobs.empty())
        return {};
    Queue queue;
    for (size_t i = 0; i < jobs.size(); ++i) {
        BlobTee& tee = *jobs[i].tee;
        tee.setChunkSink([&queue, &tee, i](qint64 blob, qint64 chunk, QByteArray raw) -> Status {
            Item item;
            item.job = qsizetype(i);
            item.chunk = std::pair { blob, chunk };
            // A chunk is compressed by the thread with time to spare: the parser when the storing thread is behind
            // (a native CSV's many samples), else the storing thread (an exporter's text: much text, few samples, so
            // the storing thread would wait). zstd gives the same bytes on either thread.
            if (queue.backlogged())
                item.stored = blobcodec::encode(std::move(raw));
            else
                item.raw = std::move(raw);
            item.bytesRead = tee.consumed();
            if (!queue.push(std::move(item)))
                return Error(tee.relativePath(), QStringLiteral("import stopped"));
            return {};
        });
    }
    std::vector<std::thread> workers;
    workers.reserve(jobs.size());
    // A process out of memory or threads cannot start a worker; that is an import error, not a crash.
    auto startNext = [&]() -> Status {
        const size_t i = workers.size();
        if (Status s = jobs[i].tee->start(); !s)
            return s;
        try {
            workers.emplace_back([&queue, &job = jobs[i], i] { work(queue, job, qsizetype(i)); });
        } catch (const std::system_error& e) {
            return Error(jobs[i].tee->relativePath(),
                QStringLiteral("cannot start the import's parser thread: %1").arg(QString::fromLocal8Bit(e.what())));
        }
        return {};
    };

    qsizetype turn = 0;
    if (begin)
        begin(turn);
    Status consumed;
    while (consumed && workers.size() < jobs.size() && workers.size() < size_t(std::max(parsers, 1)))
        consumed = startNext();
    if (!consumed)
        queue.stop();
    for (size_t ended = 0; ended < workers.size();) {
        Item item = queue.pop();
        if (item.end) {
            ++ended;
            if (!consumed)
                continue; // draining: every started worker tells its end
            Q_ASSERT(item.job == turn); // workers end in job order
            consumed = *item.end ? (end ? end(item.job, **item.end) : Status()) : Status(item.end->error());
            if (consumed && size_t(++turn) < jobs.size()) {
                if (begin)
                    begin(turn);
                queue.setTurn(turn);
                if (workers.size() < jobs.size())
                    consumed = startNext();
            }
            if (!consumed)
                queue.stop();
            continue;
        }
        if (!consumed)
            continue; // drain until every worker has seen the stop
        if (item.chunk) {
            if (!item.raw.isNull())
                item.stored = blobcodec::encode(std::move(item.raw));
            consumed = storeChunk(item.chunk->first, item.chunk->second, item.stored);
        }
        Q_ASSERT(item.samples.isEmpty() || item.job == turn); // held back by BatchSink until their turn
        for (const UsageSample& sample : std::as_const(item.samples)) {
            if (!consumed)
                break;
            consumed = target.addSample(sample);
        }
        if (!consumed)
            queue.stop();
        else if (progress && item.job == turn)
            progress(item.bytesRead);
    }
    for (std::thread& worker : workers)
        worker.join();
    for (const Job& job : jobs)
        job.tee->setChunkSink({});
    return consumed;
}

Result<qint64> SamplePipeline::run(
    BlobTee& tee, const Parse& parse, UsageSink& target, const StoreChunk& storeChunk, const Progress& progress)
{
    qint64 blob = 0;
    const Status s = run({ Job { &tee, parse } }, target, storeChunk, progress, {}, [&](qsizetype, qint64 id) {
        blob = id;
        return Status();
    });
    if (!s)
        return s.error();
    return blob;
}

} // namespace capaudit
