{{/* The chart name, or nameOverride. */}}
{{- define "campaign-sync.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The full name of the release's resources: fullnameOverride, or "<release>-<chart>" (the release name alone when it already holds the chart name). */}}
{{- define "campaign-sync.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* "name-version" for the helm.sh/chart label. */}}
{{- define "campaign-sync.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every resource. */}}
{{- define "campaign-sync.labels" -}}
helm.sh/chart: {{ include "campaign-sync.chart" . }}
{{ include "campaign-sync.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: campaign-sync
{{- end }}

{{/* Labels the Deployment, Service and PodDisruptionBudget select the worker pods by. */}}
{{- define "campaign-sync.selectorLabels" -}}
app.kubernetes.io/name: {{ include "campaign-sync.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* The worker pods' ServiceAccount. */}}
{{- define "campaign-sync.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "campaign-sync.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The image reference; the tag defaults to the chart's appVersion. */}}
{{- define "campaign-sync.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* The Secret the pods read: the rendered one when secrets.create, else secrets.existingSecret. */}}
{{- define "campaign-sync.secretName" -}}
{{- if .Values.secrets.create }}
{{- include "campaign-sync.fullname" . }}
{{- else }}
{{- required "secrets.existingSecret is required (or set secrets.create=true for a trial)" .Values.secrets.existingSecret }}
{{- end }}
{{- end }}

{{/*
"true" when the migration runs in the pre-install/pre-upgrade hook Job. Not with secrets.create: hooks run before the
release's ordinary resources exist, so the Job could not read the trial Secret; each worker migrates at start then
(under an advisory lock).
*/}}
{{- define "campaign-sync.migrationHook" -}}
{{- and .Values.migration.enabled (not .Values.secrets.create) }}
{{- end }}

{{/* Secret-backed environment of the worker and the migration Job. */}}
{{- define "campaign-sync.secretEnv" -}}
- name: ConnectionStrings__Postgres
  valueFrom:
    secretKeyRef:
      name: {{ include "campaign-sync.secretName" . }}
      key: {{ .Values.secrets.keys.postgresConnectionString }}
{{- end }}
