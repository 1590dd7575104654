// SPDX-License-Identifier: GPL-3.0-or-later
// Bundle verification end to end: an archive image -> BundleSource -> BundleVerifier -> verdict, against the demo
// trust store (the seed corpus holds demo bundles that verify). Input byte 0 picks the mode:
//   even: the rest is an archive image (tar, tar.gz or zip by magic). Property: a "verified" verdict only for a
//         bundle whose every data file is named by a subject and matches that subject's digest, re-checked here.
//   odd:  the rest picks a one-byte change to the reference bundle this target signed at start-up (round trip:
//         that bundle must verify). Property: a change to anything signed - the payload, its type, the signature or
//         a data file - is never "verified".
#include "archive/bundlesource.h"
#include "crypto/digest.h"
#include "evidence/bundlewriter.h"
#include "evidence/dsse.h"
#include "evidence/verifier.h"
#include "fuzzdemo.h"
#include "fuzzsupport.h"

#include <QDir>
#include <QFile>

using namespace capaudit;

namespace {

struct Reference {
    QString directory;
    DsseEnvelope envelope;
    QList<BundleFile> files;
};

const BundleVerifier& verifier()
{
    static const BundleVerifier v(fuzz::demoWorld().trust);
    return v;
}

const Reference& reference()
{
    static const Reference ref = [] {
        const fuzz::DemoWorld& world = fuzz::demoWorld();
        Reference r;
        r.directory = fuzz::scratchDir() + QStringLiteral("/reference");
        BundleSpec spec;
        spec.kind = BundleKind::Telemetry;
        spec.predicate = QJsonObject { { QStringLiteral("provider"), world.model.providers[0].name } };
        spec.files = { { QStringLiteral("usage.csv"), QByteArrayLiteral("time,node\n2026-09-01T00:00:00Z,n1\n") },
            { QStringLiteral("scrape.prom"), QByteArrayLiteral("up 1 1788220800000\n") } };
        spec.key = world.pki.providers[0].signer.key;
        spec.chain = world.pki.providers[0].signer.chain;
        spec.signedAt = world.at;
        r.files = spec.files;
        const Status written = writeBundle(spec, r.directory);
        if (!written.ok())
            fuzz::fail("cannot write the reference bundle", written.error().toString());
        const Verdict v = verifier().verify(r.directory);
        if (v.verdict != VerdictKind::Verified)
            fuzz::fail("round trip: a freshly created bundle does not verify", v.summary());
        QFile envelope(r.directory + QStringLiteral("/envelope.dsse.json"));
        if (!envelope.open(QIODevice::ReadOnly))
            fuzz::fail("reference envelope missing");
        auto parsed = parseDsseEnvelope(envelope.readAll(), QStringLiteral("envelope.dsse.json"));
        if (!parsed.ok())
            fuzz::fail("reference envelope does not parse", parsed.error().toString());
        r.envelope = *parsed;
        return r;
    }();
    return ref;
}

void flip(QByteArray& bytes, fuzz::Input& in)
{
    if (bytes.isEmpty())
        return;
    const qsizetype at = qsizetype(in.below(quint64(bytes.size())));
    bytes[at] = char(bytes[at] ^ (in.byte() | 1)); // never a no-op
}

void mutateReference(fuzz::Input& in)
{
    const Reference& ref = reference();
    const QString out = fuzz::scratchDir() + QStringLiteral("/mutated");
    QDir(out).removeRecursively();
    DsseEnvelope envelope = ref.envelope;
    QList<BundleFile> files = ref.files;
    const quint8 what = in.byte() % 4;
    if (what == 0)
        flip(envelope.payload, in);
    else if (what == 1)
        flip(envelope.payloadType, in);
    else if (what == 2)
        flip(envelope.signatures[0].signature, in);
    else
        flip(files[qsizetype(in.below(quint64(files.size())))].content, in);
    auto write = [&](const QString& relative, const QByteArray& content) {
        const QString path = out + QLatin1Char('/') + relative;
        QDir().mkpath(path.section(QLatin1Char('/'), 0, -2));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
            fuzz::fail("cannot write the mutated bundle", path);
    };
    write(QStringLiteral("envelope.dsse.json"), envelope.toJson());
    for (const BundleFile& file : files)
        write(QStringLiteral("data/") + file.name, file.content);
    QFile chain(ref.directory + QStringLiteral("/certs/chain.pem"));
    if (!chain.open(QIODevice::ReadOnly))
        fuzz::fail("reference chain missing");
    write(QStringLiteral("certs/chain.pem"), chain.readAll());
    const Verdict v = verifier().verify(out);
    if (v.verdict == VerdictKind::Verified)
        fuzz::fail("a bundle with a changed signed byte verifies", QStringLiteral("mutation kind %1").arg(what));
}

void verifyImage(const QByteArray& image)
{
    const QString name = image.startsWith("\x1f\x8b") ? QStringLiteral("input.tar.gz")
        : image.startsWith("PK")                      ? QStringLiteral("input.zip")
                                                      : QStringLiteral("input.tar");
    ArchiveLimits limits;
    limits.maxEntryBytes = 4 << 20;
    limits.maxTotalBytes = 8 << 20;
    const Result<BundleSource> source = BundleSource::open(fuzz::writeScratch(name, image), limits);
    if (!source.ok())
        return;
    const Verdict v = verifier().verify(*source);
    if (v.verdict != VerdictKind::Verified)
        return;
    QStringList named;
    for (const Subject& subject : v.subjects) {
        const Result<QByteArray> content = source->readFile(subject.name);
        if (!content.ok())
            fuzz::fail("verified bundle: a subject's file is missing", subject.name);
        for (auto it = subject.digests.cbegin(); it != subject.digests.cend(); ++it) {
            const auto algorithm = crypto::hashFromName(it.key());
            if (!algorithm || crypto::hash(*algorithm, *content).toHex() != it.value().toLatin1())
                fuzz::fail("verified bundle: a data file does not match its subject's digest", subject.name);
        }
        named << subject.name;
    }
    for (const QString& file : source->files())
        if (file.startsWith(QLatin1String("data/")) && !named.contains(file))
            fuzz::fail("verified bundle carries a data file no subject names", file);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    fuzz::ensureApplication();
    fuzz::Input in(data, size);
    if (in.byte() & 1)
        mutateReference(in);
    else
        verifyImage(in.rest());
    return 0;
}
