// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/periodchoice.h"
#include "model/records.h"

#include <QWidget>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QPushButton;

namespace capaudit {

class CaseSession;

// The period picker: presets (the whole case, each contract period as attested, each billing period the invoices
// state), a from/to pair for any other period, and the proposal a Shift+drag on the timeline makes. Every period is
// widened to the charge periods it cuts before it is shown, and a typed or dragged one only takes effect when the
// user applies it; the session's period then drives every page, the checks, the status bar and the report.
class PeriodSelector : public QWidget {
    Q_OBJECT
public:
    explicit PeriodSelector(CaseSession* session, QWidget* parent = nullptr);

    QComboBox* presetBox() const
    {
        return m_presets;
    }
    int count() const;
    Period periodAt(int index) const;
    // Shows PERIOD, widened, in the from/to fields as a proposal; nothing changes until apply().
    void propose(const Period& period);
    bool hasProposal() const;
    // The period the from/to fields show (end exclusive).
    Period shownPeriod() const;
    QString note() const;

public Q_SLOTS:
    void apply();

private:
    void rebuild();
    void showPeriod(const Period& period);
    void choosePreset(int index);
    void markEdited();

    CaseSession* m_session;
    QComboBox* m_presets;
    QDateTimeEdit* m_from;
    QDateTimeEdit* m_to;
    QPushButton* m_apply;
    QLabel* m_note;
    bool m_filling = false;
};

} // namespace capaudit
