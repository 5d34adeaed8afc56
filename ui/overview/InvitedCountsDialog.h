#pragma once

#include "store/Waves.h"

#include <QDialog>
#include <QMap>

class QSpinBox;

namespace nps::ui {

// Asks how many people each wave invited: the response rate needs it and no
// survey export carries it.
class InvitedCountsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit InvitedCountsDialog(const QVector<WaveInfo> &waves, QWidget *parent = nullptr);
    // Wave name -> invited count, for the waves whose value was changed (0: unknown).
    QMap<QString, qint64> changedCounts() const;

private:
    QVector<WaveInfo> m_waves;
    QVector<QSpinBox *> m_spins;
};

} // namespace nps::ui
