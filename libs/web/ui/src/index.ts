import './styles/tokens.css';

export { default as AppShell } from './components/AppShell.vue';
export { default as LanguageSwitcher } from './components/LanguageSwitcher.vue';
export { default as UiButton } from './components/UiButton.vue';
export { default as UiCard } from './components/UiCard.vue';
export { default as UiEmptyState } from './components/UiEmptyState.vue';
export { default as UiBadge } from './components/UiBadge.vue';
export { default as UiTabs } from './components/UiTabs.vue';
export { default as UiIcon } from './components/UiIcon.vue';
export { default as UiAlert } from './components/UiAlert.vue';
export { default as UiDialog } from './components/UiDialog.vue';
export { default as UiConfirmDialog } from './components/UiConfirmDialog.vue';
export { default as UiTextField } from './components/forms/UiTextField.vue';
export { default as UiSelectField } from './components/forms/UiSelectField.vue';
export type { UiSelectOption, UiSelectGroup } from './components/forms/UiSelectField.vue';
export { default as TimeZoneSelect } from './components/forms/TimeZoneSelect.vue';
export { default as PageHeader } from './components/PageHeader.vue';
export { default as ErrorPage } from './components/ErrorPage.vue';
export { default as LoginPage } from './components/LoginPage.vue';
export { default as ChangePasswordForm } from './components/ChangePasswordForm.vue';
export { default as ChangePasswordPage } from './components/ChangePasswordPage.vue';
export { default as SessionArea } from './components/SessionArea.vue';
export { default as SignOutEverywhereCard } from './components/SignOutEverywhereCard.vue';
export { default as SystemStatusIndicator } from './components/SystemStatusIndicator.vue';
export type { UiTab } from './components/UiTabs.vue';
export type { NavItem } from './components/nav';
export { ICONS, type IconName } from './components/icons';
export { useMediaQuery } from './composables/use-media-query';
export { useProblemText, type ProblemText } from './composables/use-problem-text';
export { installPageTitle, installErrorBoundary, lastAppError } from './app-setup';
export { default as DeadlineRulesCard } from './components/DeadlineRulesCard.vue';
export { default as UiLinkCard } from './components/UiLinkCard.vue';
export { commonRoutes, createSpaRouter } from './spa-routes';
export { default as UiFieldList } from './components/UiFieldList.vue';
export type { UiField } from './components/UiFieldList.vue';
export { default as PatientSearch } from './patients/PatientSearch.vue';
export type { PatientPrefill } from './patients/PatientSearch.vue';
export { default as PatientCardDialog } from './patients/PatientCardDialog.vue';
export { default as PatientCardView } from './patients/PatientCardView.vue';
export { detectPatientQuery, type PatientQuery, type PatientQueryKind } from './patients/patient-query';
export {
  formatDate,
  formatDateTime,
  browserTimeZone,
  zoneOffsetMs,
  zonedDayStart,
  shortId,
  displaySnils,
  displayPhone,
  displayOms,
  localeTag,
} from './format';
export { default as UiChart } from './components/chart/UiChart.vue';
export { chartScale, pickTicks, type ChartSeries, type ChartScale } from './components/chart/chart-scale';
export { default as UiTextArea } from './components/forms/UiTextArea.vue';
export { default as UiFileField } from './components/forms/UiFileField.vue';
export { default as UiRadioGroup } from './components/forms/UiRadioGroup.vue';
export type { UiRadioOption } from './components/forms/UiRadioGroup.vue';
export { default as UiCombobox } from './components/forms/UiCombobox.vue';
export type { UiComboboxOption } from './components/forms/UiCombobox.vue';
export * from './deadline';
