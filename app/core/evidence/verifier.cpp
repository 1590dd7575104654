// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidence/verifier.h"

#include "archive/bundlesource.h"
#include "crypto/digest.h"
#include "crypto/merkle.h"
#include "crypto/signednote.h"
#include "evidence/authorization.h"
#include "evidence/bundledigest.h"
#include "evidence/signerverification.h"
#include "evidence/sigstoreenvelope.h"
#include "evidence/statement.h"
#include "evidence/tlogproof.h"
#include "evidence/verificationrun.h"
#include "util/parallel.h"
#include "util/timeutil.h"

namespace capaudit {

namespace {

const QString kEnvelopeDsse = QStringLiteral("envelope.dsse.json");
const QString kEnvelopeSigstore = QStringLiteral("envelope.sigstore.json");
const QString kChainFile = QStringLiteral("certs/chain.pem");
const QString kProofFile = QStringLiteral("tlog/proof.json");
const QString kDataPrefix = QStringLiteral("data/");
constexpr qint64 kMaxMetadataBytes = 64 << 20;

const QString kTitleLayout = QStringLiteral("Bundle layout");
const QString kTitleEnvelope = QStringLiteral("Envelope format");
const QString kTitleStatement = QStringLiteral("Statement format");
const QString kTitleSubjects = QStringLiteral("Payload digests match");
const QString kTitleComplete = QStringLiteral("No unsigned files");
const QString kTitleTlog = QStringLiteral("Transparency log inclusion");

struct FileDigests {
    QMap<QString, QByteArray> sha256; // every file of the bundle
    QString error;
};

// Hash every file once, in parallel across cores: the digests serve both the bundle digest and the subject checks.
// A file in CLAIMED is not read: its digest is the one given (BundleVerifier::setDeferSubjectDigests).
FileDigests hashAll(const BundleSource& source, const QMap<QString, QByteArray>& claimed = {})
{
    const QStringList files = source.files();
    QList<Result<QByteArray>> digests(files.size(), Result<QByteArray>(QByteArray()));
    parallelFor(files.size(), 0, [&](qsizetype i) {
        const auto known = claimed.constFind(files.at(i));
        digests[i] = known != claimed.cend() ? Result<QByteArray>(*known) : source.sha256(files.at(i));
    });
    FileDigests out;
    for (qsizetype i = 0; i < files.size(); ++i) {
        if (!digests[i].ok()) {
            out.error = digests[i].error().toString();
            continue;
        }
        out.sha256.insert(files[i], digests[i].value());
    }
    return out;
}

// The SHA-256 each data/ file is named by in the statement, for a verifier that leaves hashing them to the import.
QMap<QString, QByteArray> claimedSha256(const Statement& statement, const BundleSource& source)
{
    QMap<QString, QByteArray> claimed;
    for (const Subject& s : statement.subjects) {
        const QString hex = s.algorithm == u"sha256" ? s.digestHex : s.digests.value(QStringLiteral("sha256"));
        // A repeated name fails the subject check, which sends the import back to a full verification.
        if (s.name.startsWith(kDataPrefix) && source.contains(s.name) && hex.size() == 64 && !claimed.contains(s.name))
            claimed.insert(s.name, QByteArray::fromHex(hex.toLatin1()));
    }
    return claimed;
}

bool checkLayout(const BundleSource& source, VerificationRun& run, QString& envelopeFile)
{
    QStringList unexpected;
    QStringList envelopes;
    for (const QString& f : source.files()) {
        if (f == kEnvelopeDsse || f == kEnvelopeSigstore)
            envelopes.append(f);
        else if (f != kChainFile && f != kProofFile && !f.startsWith(kDataPrefix))
            unexpected.append(f);
    }
    if (envelopes.size() != 1) {
        run.fail(checks::kLayout, kTitleLayout,
            envelopes.isEmpty() ? QStringLiteral("no signature: the bundle has no envelope.dsse.json or "
                                                 "envelope.sigstore.json")
                                : QStringLiteral("the bundle has both envelope.dsse.json and "
                                                 "envelope.sigstore.json; exactly one is allowed"),
            QStringLiteral("a bundle is data/ plus one signed envelope; see docs/bundle-format.md"));
        return false;
    }
    envelopeFile = envelopes.first();
    if (envelopeFile == kEnvelopeSigstore && source.contains(kProofFile))
        unexpected.append(kProofFile + QStringLiteral(" (a Sigstore bundle carries its own log entries)"));
    if (!unexpected.isEmpty()) {
        run.fail(checks::kLayout, kTitleLayout,
            QStringLiteral("unsigned file outside data/: %1").arg(unexpected.join(QStringLiteral(", "))),
            QStringLiteral("only the envelope, certs/chain.pem, tlog/proof.json and data/ may be present"));
        return false;
    }
    run.pass(checks::kLayout, kTitleLayout,
        QStringLiteral("%1 file(s)%2")
            .arg(source.files().size())
            .arg(source.isArchive() ? QStringLiteral(", archive") : QString()));
    return true;
}

void checkSubjects(
    const Statement& statement, const BundleSource& source, const FileDigests& digests, VerificationRun& run)
{
    QStringList problems;
    QStringList notes;
    QSet<QString> named;
    for (const Subject& s : statement.subjects) {
        if (named.contains(s.name)) {
            problems.append(QStringLiteral("duplicate subject name '%1'").arg(s.name));
            continue;
        }
        named.insert(s.name);
        if (!s.name.startsWith(kDataPrefix) || !source.contains(s.name)) {
            problems.append(QStringLiteral("missing file '%1' named by the statement").arg(s.name));
            continue;
        }
        // Every supported digest must match (statement.h); DIGESTS holds at least the strongest one.
        const QMap<QString, QString> all =
            s.digests.isEmpty() ? QMap<QString, QString> { { s.algorithm, s.digestHex } } : s.digests;
        for (auto it = all.begin(); it != all.end(); ++it) {
            QByteArray actual;
            if (it.key() == u"sha256") {
                actual = digests.sha256.value(s.name);
            } else {
                auto h = source.hash(s.name, *crypto::hashFromName(it.key()));
                actual = h ? h.value() : QByteArray();
            }
            if (QString::fromLatin1(actual.toHex()) != it.value())
                problems.append(QStringLiteral("digest mismatch for '%1': the statement says %2 %3, the file has %4")
                                    .arg(s.name, it.key(), it.value(), QString::fromLatin1(actual.toHex())));
        }
        if (!s.unsupportedAlgorithms.isEmpty())
            notes.append(QStringLiteral("'%1' also names digest algorithm(s) %2, which CapAudit does not check")
                             .arg(s.name, s.unsupportedAlgorithms.join(QStringLiteral(", "))));
    }
    if (problems.isEmpty())
        run.pass(checks::kSubjects, kTitleSubjects,
            QStringLiteral("%1 subject(s) match their files").arg(statement.subjects.size())
                + (notes.isEmpty() ? QString() : QStringLiteral(" (") + notes.join(QStringLiteral("; ")) + u')'));
    else
        run.fail(checks::kSubjects, kTitleSubjects, problems.join(QStringLiteral("; ")),
            QStringLiteral("a payload file was changed, removed or renamed after signing; obtain the original "
                           "bundle from the provider"));

    QStringList unsignedFiles;
    for (const QString& f : source.files())
        if (f.startsWith(kDataPrefix) && !named.contains(f))
            unsignedFiles.append(f);
    if (unsignedFiles.isEmpty())
        run.pass(checks::kUnsignedFiles, kTitleComplete, QStringLiteral("every file under data/ is a signed subject"));
    else
        run.fail(checks::kUnsignedFiles, kTitleComplete,
            QStringLiteral("unsigned file(s) under data/: %1").arg(unsignedFiles.join(QStringLiteral(", "))),
            QStringLiteral("files added after signing are not evidence; remove them or ask for a re-signed bundle"));
}

// Verifies tlog/proof.json. Returns the log's integration time when the proof holds.
QDateTime checkTransparencyProof(
    const BundleSource& source, const QByteArray& envelopeBytes, const TrustStore& trust, VerificationRun& run)
{
    if (!source.contains(kProofFile)) {
        run.skip(checks::kTransparency, kTitleTlog, QStringLiteral("no tlog/proof.json in the bundle"));
        return {};
    }
    const auto bytes = source.readFile(kProofFile, kMaxMetadataBytes);
    auto proof = bytes ? parseTlogProof(*bytes, kProofFile) : Result<TlogProof>(bytes.error());
    if (!proof) {
        run.fail(checks::kTransparency, kTitleTlog, proof.error().toString());
        return {};
    }
    const QByteArray leaf = crypto::merkleLeafHash(tlogLeafData(proof->integratedTime, envelopeBytes));
    const crypto::MerkleCheck inclusion =
        crypto::verifyInclusion(proof->leafIndex, proof->treeSize, leaf, proof->hashes, proof->rootHash);
    if (!inclusion.ok) {
        run.fail(checks::kTransparency, kTitleTlog,
            QStringLiteral("inclusion proof does not lead to the logged root: ") + inclusion.reason);
        return {};
    }
    auto checkpoint = crypto::parseCheckpoint(proof->checkpoint);
    if (!checkpoint) {
        run.fail(checks::kTransparency, kTitleTlog, QStringLiteral("checkpoint: ") + checkpoint.error().reason);
        return {};
    }
    if (checkpoint->origin != proof->logOrigin || checkpoint->treeSize != proof->treeSize
        || checkpoint->rootHash != proof->rootHash) {
        run.fail(checks::kTransparency, kTitleTlog,
            QStringLiteral("the signed checkpoint (%1, size %2) does not match the proof (%3, size %4)")
                .arg(checkpoint->origin)
                .arg(checkpoint->treeSize)
                .arg(proof->logOrigin)
                .arg(proof->treeSize));
        return {};
    }
    int candidates = 0;
    for (const TrustAnchor& a : trust.anchors()) {
        if (a.kind != TrustAnchor::Kind::LogKey || (!a.origin.isEmpty() && a.origin != checkpoint->origin))
            continue;
        ++candidates;
        auto key = crypto::PublicKey::fromPem(a.content);
        if (key && crypto::verifyCheckpoint(*checkpoint, *key, checkpoint->origin).ok) {
            run.pass(checks::kTransparency, kTitleTlog,
                QStringLiteral("entry %1 of %2 in log '%3' (key '%4'), integrated %5")
                    .arg(proof->leafIndex)
                    .arg(proof->treeSize)
                    .arg(proof->logOrigin, a.label, formatTimestamp(proof->integratedTime)));
            return proof->integratedTime;
        }
    }
    if (candidates > 0) {
        // A key for this log is trusted, and it did not sign this checkpoint: forged or altered, not merely unknown.
        run.fail(checks::kTransparency, kTitleTlog,
            QStringLiteral("the checkpoint signature of log '%1' does not verify with the trusted log key")
                .arg(checkpoint->origin));
        return {};
    }
    run.fail(checks::kTransparency, kTitleTlog,
        QStringLiteral("the checkpoint of log '%1' is not signed by a log key in the trust store")
            .arg(checkpoint->origin),
        QStringLiteral("add the log's public key with role transparency-log and origin '%1'").arg(checkpoint->origin),
        VerificationRun::Severity::TrustGap);
    return {};
}

} // namespace

BundleVerifier::BundleVerifier(TrustStore trustStore)
    : m_trust(std::move(trustStore))
{
}

Verdict BundleVerifier::verify(const QString& bundlePath) const
{
    auto source = BundleSource::open(bundlePath);
    if (!source) {
        Verdict v;
        v.source = bundlePath;
        v.verifiedAt = QDateTime::currentDateTimeUtc();
        VerificationRun run(v);
        run.fail(checks::kLayout, kTitleLayout, source.error().toString(),
            QStringLiteral("check that the path is a bundle directory or a .tar, .tar.gz, .tgz, .zip or "
                           ".capbundle archive"));
        run.finish();
        return v;
    }
    return verify(*source);
}

Verdict BundleVerifier::verify(const BundleSource& source) const
{
    Verdict v;
    v.source = source.path();
    v.verifiedAt = QDateTime::currentDateTimeUtc();
    VerificationRun run(v);
    const auto done = [&]() {
        if (std::none_of(v.checks.cbegin(), v.checks.cend(),
                [](const Check& c) { return c.id == QLatin1String(checks::kAuthorized); }))
            run.skip(checks::kAuthorized, QStringLiteral("Signer is authorized"),
                QStringLiteral("not judged: verification stopped before the signer and statement were known"));
        run.finish();
        return v;
    };

    // Deferred: nothing is hashed before the statement names what its files should hash to (below); a verdict that
    // stops earlier has no bundle digest, and the import verifies again in full.
    v.digestsDeferred = m_deferSubjectDigests;
    FileDigests digests;
    if (!m_deferSubjectDigests) {
        digests = hashAll(source);
        if (!digests.error.isEmpty()) {
            run.fail(checks::kLayout, kTitleLayout, digests.error);
            return done();
        }
        v.bundleDigest = bundleDigest(digests.sha256);
    }
    QString envelopeFile;
    if (!checkLayout(source, run, envelopeFile))
        return done();

    const auto envelopeBytes = source.readFile(envelopeFile, kMaxMetadataBytes);
    if (!envelopeBytes) {
        run.fail(checks::kEnvelope, kTitleEnvelope, envelopeBytes.error().toString());
        return done();
    }
    SignerEvidence evidence;
    if (envelopeFile == kEnvelopeSigstore) {
        if (!readSigstoreEnvelope(*envelopeBytes, m_trust, evidence, run))
            return done();
    } else {
        auto envelope = parseDsseEnvelope(*envelopeBytes, envelopeFile);
        if (!envelope) {
            run.fail(checks::kEnvelope, kTitleEnvelope, envelope.error().toString(),
                QStringLiteral("the envelope is not a DSSE JSON envelope; see docs/bundle-format.md"));
            return done();
        }
        evidence.envelope = *envelope;
    }
    if (evidence.envelope.payloadType != kInTotoPayloadType) {
        run.fail(checks::kEnvelope, kTitleEnvelope,
            QStringLiteral("unsupported payloadType '%1' (expected %2)")
                .arg(QString::fromUtf8(evidence.envelope.payloadType), QLatin1String(kInTotoPayloadType)));
        return done();
    }
    run.pass(checks::kEnvelope, kTitleEnvelope,
        QStringLiteral("%1, in-toto payload of %2 bytes").arg(envelopeFile).arg(evidence.envelope.payload.size()));

    if (source.contains(kChainFile)) {
        const auto pem = source.readFile(kChainFile, kMaxMetadataBytes);
        auto chain = pem ? crypto::Certificate::listFromPem(*pem) : Result<QList<crypto::Certificate>>(pem.error());
        if (!chain) {
            run.fail(checks::kChain, QStringLiteral("Certificate chain"),
                QStringLiteral("certs/chain.pem: ") + chain.error().reason);
            return done();
        }
        evidence.chain = *chain;
        // The chain file is not signed: accept only its canonical PEM form, so any changed byte is noticed even
        // where a PEM reader would skip it.
        QByteArray canonical;
        for (const crypto::Certificate& c : evidence.chain)
            canonical += c.toPem();
        if (canonical != *pem) {
            run.fail(checks::kChain, QStringLiteral("Certificate chain"),
                QStringLiteral("certs/chain.pem is not in canonical PEM form (extra text or changed formatting)"),
                QStringLiteral("the file must be exactly the PEM certificates, signer first"));
            return done();
        }
    }

    v.statement = evidence.envelope.payload;
    v.statementDigest = crypto::sha256Hex(dssePae(evidence.envelope.payloadType, evidence.envelope.payload));
    auto statement = parseStatement(v.statement, envelopeFile + QStringLiteral(" payload"));
    if (statement) {
        v.predicateType = statement->predicateType;
        v.predicate = statement->predicate;
        v.subjects = statement->subjects;
        v.kind = bundleKindFromPredicateType(statement->predicateType);
        if (auto t = parseTimestamp(statement->predicate.value(QStringLiteral("signedAt")).toString()))
            evidence.claimedSigningTime = *t;
    }

    if (m_deferSubjectDigests) {
        const QMap<QString, QByteArray> claimed =
            statement ? claimedSha256(*statement, source) : QMap<QString, QByteArray>();
        digests = hashAll(source, claimed);
        if (!digests.error.isEmpty()) {
            run.fail(checks::kLayout, kTitleLayout, digests.error);
            return done();
        }
        v.bundleDigest = bundleDigest(digests.sha256);
        v.unconfirmedSha256 = claimed;
    }

    if (envelopeFile == kEnvelopeDsse)
        evidence.loggedTime = checkTransparencyProof(source, *envelopeBytes, m_trust, run);
    const QDateTime at = m_at.isValid() ? m_at : evidence.loggedTime.isValid() ? evidence.loggedTime : v.verifiedAt;
    v.validationTime = at;
    verifySigner(evidence, m_trust, at, run, v.signer);

    if (!statement) {
        run.fail(checks::kStatement, kTitleStatement, statement.error().toString());
    } else if (v.kind == BundleKind::Unknown) {
        run.fail(checks::kStatement, kTitleStatement,
            QStringLiteral("unknown predicateType '%1'").arg(statement->predicateType),
            QStringLiteral("CapAudit reads telemetry, attestation and billing predicates; see docs/bundle-format.md"));
    } else {
        run.pass(checks::kStatement, kTitleStatement,
            QStringLiteral("%1 statement, %2 subject(s)").arg(bundleKindName(v.kind)).arg(statement->subjects.size()));
        checkSubjects(*statement, source, digests, run);
    }
    checkAuthorization(v, evidence.chain, m_trust, run);
    return done();
}

} // namespace capaudit
