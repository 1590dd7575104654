// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/importprogressdialog.h"

#include "jobs/importjob.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace capaudit {

ImportProgressDialog::ImportProgressDialog(ImportJob* job, QWidget* parent)
    : QDialog(parent)
    , m_job(job)
    , m_bundle(new QLabel(this))
    , m_message(new QLabel(this))
    , m_current(new QProgressBar(this))
    , m_overall(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    setWindowTitle(tr("Importing bundles"));
    setMinimumWidth(520);
    // The number of bundles is known once the job has expanded the folders it was given: the first bundleStarted.
    m_current->setRange(0, 1000);
    m_overall->setRange(0, 1000);
    m_overall->setObjectName(QStringLiteral("overallProgress"));
    m_bundle->setObjectName(QStringLiteral("bundleLabel"));
    m_message->setEnabled(false);
    m_message->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(m_cancel, QDialogButtonBox::RejectRole);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_bundle);
    layout->addWidget(m_current);
    layout->addWidget(m_message);
    layout->addSpacing(8);
    layout->addWidget(new QLabel(tr("Overall"), this));
    layout->addWidget(m_overall);
    layout->addWidget(buttons);

    connect(m_cancel, &QPushButton::clicked, this, &ImportProgressDialog::reject);
    connect(job, &ImportJob::bundleStarted, this, [this](int index, int count, const QString& path) {
        m_index = index;
        m_overall->setRange(0, std::max(1, count) * 1000);
        m_bundle->setText(
            tr("Bundle %1 of %2: <b>%3</b>").arg(index + 1).arg(count).arg(QFileInfo(path).fileName().toHtmlEscaped()));
        m_current->setValue(0);
        m_overall->setValue(index * 1000);
    });
    connect(job, &ImportJob::bundleProgress, this, [this](int index, double fraction, const QString& message) {
        const int value = int(std::lround(fraction * 1000));
        m_current->setValue(value);
        m_overall->setValue(index * 1000 + value);
        m_message->setText(message);
    });
    connect(job, &ImportJob::bundleFinished, this, [this](int index) {
        m_current->setValue(1000);
        m_overall->setValue((index + 1) * 1000);
    });
    connect(job, &ImportJob::finished, this, &QDialog::accept);
}

int ImportProgressDialog::overallValue() const
{
    return m_overall->value();
}

void ImportProgressDialog::reject()
{
    if (!m_job->isRunning()) {
        QDialog::reject();
        return;
    }
    m_job->cancel();
    m_cancel->setEnabled(false);
    m_message->setText(tr("Cancelling: rolling back the whole import…"));
}

} // namespace capaudit
