// SPDX-License-Identifier: GPL-3.0-or-later
// capaudit-fuzz-seeds OUTDIR: writes the seed corpus of every fuzz target to OUTDIR/<target>/ (docs/fuzzing.md).
// Nothing binary is committed: the corpus is generated from the demo generator (with the same deterministic PKI the
// targets use, fuzzdemo.h), the test fixtures in tests/data, the Sigstore conformance suite in ../shared, the
// built-in mapping profiles and the default policy. Text seeds are cut to kMaxSeed bytes (at a line end): the
// fuzzer mutates small inputs much faster, and the head of a file reaches the same parser states as the whole.
#include "archive/bundlewriter.h"
#include "crypto/signednote.h"
#include "demo/demogenerator.h"
#include "evidence/dsse.h"
#include "fuzzdemo.h"
#include "fuzzsupport.h"
#include "ingest/metricmapping.h"
#include "store/caseimporter.h"
#include "store/casestore.h"
#include "store/sampleblocks.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

using namespace capaudit;

namespace {

constexpr qsizetype kMaxSeed = 8192;
QString g_out;

QByteArray readAll(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        fuzz::fail("cannot read", path);
    return file.readAll();
}

QByteArray cut(const QByteArray& text)
{
    if (text.size() <= kMaxSeed)
        return text;
    const qsizetype end = text.lastIndexOf('\n', kMaxSeed);
    return text.left(end > 0 ? end + 1 : kMaxSeed);
}

// Content-addressed like libFuzzer's own corpus files, so re-running the generator adds nothing twice.
void seed(const char* target, const QByteArray& bytes)
{
    const QString dir = g_out + QLatin1Char('/') + QLatin1String(target);
    QDir().mkpath(dir);
    QFile file(dir + QLatin1Char('/')
        + QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha1).toHex()));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        fuzz::fail("cannot write a seed", file.fileName());
}

QByteArray prefixed(quint8 choice, const QByteArray& bytes)
{
    return QByteArray(1, char(choice)) + bytes;
}

void telemetrySeed(const QJsonObject& payload, const QByteArray& content, const QByteArray& mapping)
{
    const QString format = payload.value(QStringLiteral("format")).toString();
    const QString profile = payload.value(QStringLiteral("profile")).toString();
    if (format == QLatin1String("capaudit-usage-csv/v1")) {
        seed("fuzz_usagecsv", cut(content));
    } else if (format.endsWith(QLatin1String("-text"))) {
        const QStringList profiles { QString(), QStringLiteral("kube-state-metrics"), QStringLiteral("dcgm-exporter"),
            QStringLiteral("node-exporter") };
        const quint8 choice = quint8((format.startsWith(QLatin1String("openmetrics")) ? 1 : 0)
            | std::max<qsizetype>(0, profiles.indexOf(profile.section(QLatin1Char(','), 0, 0))) << 1 | 8);
        seed("fuzz_metricstext", prefixed(choice, cut(content)));
    } else if (format == QLatin1String("otlp-json")) {
        seed("fuzz_otlpjson", prefixed(0, content.left(4 * kMaxSeed)));
    }
    if (!mapping.isEmpty())
        seed("fuzz_mapping", mapping);
}

void bundleSeeds(const QString& bundle)
{
    const QByteArray envelopeBytes = readAll(bundle + QStringLiteral("/envelope.dsse.json"));
    seed("fuzz_dsse", envelopeBytes);
    seed("fuzz_strictjson", envelopeBytes);
    const auto envelope = parseDsseEnvelope(envelopeBytes, QStringLiteral("envelope.dsse.json"));
    if (!envelope.ok())
        fuzz::fail("demo envelope does not parse", envelope.error().toString());
    seed("fuzz_dsse", envelope->payload);
    seed("fuzz_strictjson", envelope->payload);
    const QJsonObject predicate =
        QJsonDocument::fromJson(envelope->payload).object().value(QStringLiteral("predicate")).toObject();
    seed("fuzz_predicates", QJsonDocument(predicate).toJson(QJsonDocument::Compact));
    if (QFile::exists(bundle + QStringLiteral("/certs/chain.pem")))
        seed("fuzz_x509", readAll(bundle + QStringLiteral("/certs/chain.pem")));
    if (QFile::exists(bundle + QStringLiteral("/tlog/proof.json"))) {
        const QByteArray proof = readAll(bundle + QStringLiteral("/tlog/proof.json"));
        seed("fuzz_checkpoint", proof);
        seed("fuzz_checkpoint",
            QJsonDocument::fromJson(proof).object().value(QStringLiteral("checkpoint")).toString().toUtf8());
    }
    const QJsonArray payloads = predicate.value(QStringLiteral("payloads")).toArray();
    for (const QJsonValue& value : payloads) {
        const QJsonObject payload = value.toObject();
        const QString path = bundle + QLatin1Char('/') + payload.value(QStringLiteral("path")).toString();
        const QString mappingPath = payload.value(QStringLiteral("mapping")).toString();
        const QByteArray mapping =
            mappingPath.isEmpty() ? QByteArray() : readAll(bundle + QLatin1Char('/') + mappingPath);
        if (payload.value(QStringLiteral("format")).toString() == QLatin1String("focus-csv")) {
            const QString version = payload.value(QStringLiteral("focusVersion")).toString();
            const quint8 choice = version == QLatin1String("1.0") ? 1 : version == QLatin1String("1.1") ? 2 : 3;
            seed("fuzz_focus", prefixed(choice, cut(readAll(path))));
        } else {
            telemetrySeed(payload, readAll(path), mapping);
        }
    }
}

void archiveSeed(const QString& path)
{
    const QByteArray image = readAll(path);
    if (image.size() > 512 * 1024)
        return;
    seed("fuzz_archive", image);
    seed("fuzz_verifier", prefixed(0, image));
}

void fixtureSeeds()
{
    const QString dir = QStringLiteral(CAPAUDIT_TEST_DATA_DIR "/ingest/");
    seed("fuzz_usagecsv", readAll(dir + QStringLiteral("usage.csv")));
    for (const QString& name : QDir(dir).entryList({ QStringLiteral("*.prom.txt"), QStringLiteral("*.om.txt") })) {
        const bool om = name.endsWith(QLatin1String(".om.txt"));
        const quint8 profile = name.startsWith(QLatin1String("dcgm")) ? 2
            : name.startsWith(QLatin1String("node"))                  ? 3
                                                                      : 1;
        seed("fuzz_metricstext", prefixed(quint8((om ? 1 : 0) | profile << 1 | 8), readAll(dir + name)));
    }
    seed("fuzz_otlpjson", prefixed(0, readAll(dir + QStringLiteral("otlp-metrics.json"))));
    seed("fuzz_otlpjson", prefixed(3, readAll(dir + QStringLiteral("query-range-matrix.json"))));
    seed("fuzz_mapping", readAll(dir + QStringLiteral("otlp-mapping.json")));
    seed("fuzz_predicates", readAll(dir + QStringLiteral("attestation.json")));
    seed("fuzz_focus", prefixed(1, readAll(dir + QStringLiteral("focus-1.0-sample-shapes.csv"))));
    seed("fuzz_focus", prefixed(3, readAll(dir + QStringLiteral("focus-1.2.csv"))));
    for (const char* name : { "ubl-invoice.xml", "ubl-creditnote.xml", "cii-invoice.xml" })
        seed("fuzz_einvoice", readAll(QStringLiteral(CAPAUDIT_TEST_DATA_DIR "/einvoice/") + QLatin1String(name)));
    for (const QString& profile : MappingSet::builtinProfileNames())
        seed("fuzz_mapping", builtinProfileJson(profile));
    seed("fuzz_policy", readAll(QStringLiteral(CAPAUDIT_SOURCE_DIR "/resources/policies/default-policy.json")));
    // Sigstore conformance: every bundle and trusted root (small files only).
    QDirIterator it(QStringLiteral(CAPAUDIT_SHARED_DIR "/testvectors/sigstore-conformance"),
        { QStringLiteral("*.json") }, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QByteArray json = readAll(path);
        if (json.size() > 64 * 1024)
            continue;
        seed("fuzz_sigstore", json);
        seed("fuzz_strictjson", json);
    }
}

// Sample blocks shaped like real telemetry (a node row and four tenant rows per node and step; missing quantities),
// small enough for -max_len, with the header fuzz_sampleblocks.cpp reads before the raw block. (The seed case holds
// no telemetry, so they are built here rather than read from it.)
void sampleBlockSeeds()
{
    for (const qint64 rows : { 1, 40, 600 }) {
        for (const qint64 first : { qint64(0), qint64(8192 + 17) }) {
            std::vector<StoredSample> block;
            for (qint64 i = 0; i < rows; ++i) {
                StoredSample s;
                s.seq = first + i;
                s.line = 2 + i;
                s.time = 1767225600 + 300 * (i / 40);
                s.provider = 1;
                s.node = 1 + (i / 5) % 8;
                s.resource = 1 + (i / 5) % 2;
                s.tenant = i % 5;
                s.state = s.tenant == 0 ? 1 : 0;
                s.allocated = s.tenant == 0 ? kMissing : 2.0 + double(i % 7) * 0.5;
                s.used = s.tenant == 0 ? kMissing : s.allocated * 0.8;
                s.capacity = s.tenant == 0 ? 96.0 : kMissing;
                block.push_back(s);
            }
            const qint64 bundle = 3 + rows % 5;
            const blobcodec::StoredChunk chunk = sampleblocks::encode(bundle, block);
            QByteArray scratch;
            Result<QByteArrayView> raw = blobcodec::decode(chunk.bytes, qint64(chunk.codec), chunk.rawSize, scratch);
            if (!raw.ok())
                fuzz::fail("cannot decode a seed block", raw.error().reason);
            QByteArray input;
            input.append(char(bundle));
            input.append(char(first >> 8)).append(char(first & 0xff));
            input.append(char((rows - 1) >> 8)).append(char((rows - 1) & 0xff));
            seed("fuzz_sampleblocks", input + raw->toByteArray());
        }
    }
}

void structuredSeeds()
{
    // Merkle: tree size, claim kind and tampering bytes (fuzz_merkle.cpp reads them in this order).
    for (const char* s :
        { "\x07\x00\x05\x03\x00", "\x40\x01\x20\x10\x00", "\x10\x00\x10\x0f\x01\x00\x00\x00", "\x2a\x01\x2a\x09\x06" })
        seed("fuzz_merkle", QByteArray(s, qsizetype(qstrlen(s) + 1)));
    // Verifier mutation mode: odd first byte, then what to change and where.
    for (const char* s : { "\x01\x00\x10\x00\x01", "\x01\x01\x02\x04", "\x01\x02\x20\x80", "\x01\x03\x00\x00\x01\x40" })
        seed("fuzz_verifier", QByteArray(s, qsizetype(qstrlen(s) + 1)));
    auto note = crypto::signNote(fuzz::fuzzLogBody(), QString::fromLatin1(fuzz::kFuzzLogName), fuzz::fuzzLogKey());
    if (!note.ok())
        fuzz::fail("cannot sign the checkpoint seed", note.error().toString());
    seed("fuzz_checkpoint", *note);
    sampleBlockSeeds();
}

void caseSeed(const QString& demoDir, const QStringList& bundles)
{
    const QString path = demoDir + QStringLiteral("/seed.capcase");
    {
        auto store = CaseStore::create(path, QStringLiteral("fuzz seed"), fuzz::demoWorld().trust.anchors());
        if (!store.ok())
            fuzz::fail("cannot create the seed case", store.error().toString());
        CaseImporter importer(**store);
        for (const QString& bundle : bundles) {
            const ImportResult result = importer.importBundle(bundle);
            if (!result.ok())
                fuzz::fail("cannot import a seed bundle", bundle + QStringLiteral(": ") + result.error.toString());
        }
    } // closing the last connection checkpoints the WAL into the main file
    seed("fuzz_casefile", readAll(path));
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: capaudit-fuzz-seeds OUTDIR\n");
        return 2;
    }
    g_out = QString::fromLocal8Bit(argv[1]);
    const QString demoDir = g_out + QStringLiteral("/.demo");
    QDir(demoDir).removeRecursively();
    const auto summary = demo::generateDemo(fuzz::demoWorld().config, demoDir);
    if (!summary.ok())
        fuzz::fail("demo generation failed", summary.error().toString());
    QStringList small;
    for (const demo::DemoBundle& bundle : summary->bundles) {
        const QString path = demoDir + QLatin1Char('/') + bundle.path;
        if (QFileInfo(path).isDir()) {
            bundleSeeds(path);
            const QString tar = demoDir + QStringLiteral("/") + QFileInfo(path).fileName() + QStringLiteral(".tar.gz");
            const Status packed = writeBundleArchive(path, tar);
            if (!packed.ok())
                fuzz::fail("cannot pack a seed bundle", packed.error().toString());
            archiveSeed(tar);
        } else {
            archiveSeed(path);
        }
        if (bundle.kind != BundleKind::Telemetry && small.size() < 2)
            small << path;
    }
    fixtureSeeds();
    structuredSeeds();
    caseSeed(demoDir, small);
    QDir(demoDir).removeRecursively();
    for (const QString& target : QDir(g_out).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        std::printf("%-20s %lld seeds\n", qPrintable(target),
            qlonglong(QDir(g_out + QLatin1Char('/') + target).entryList(QDir::Files).size()));
    return 0;
}
