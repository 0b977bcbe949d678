export { writeBackup, type BackupSummary } from './dump';
export { checkBackup, restoreBackup, type RestoreOptions, type RestoreSummary } from './restore';
export { BackupError } from './format';
export { liveSocketPath, requestLiveBackup, serveLiveBackups, type LiveBackups } from './live';
