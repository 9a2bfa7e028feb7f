/** Uploading a file to a conversation as the agent (POST /api/agent/conversations/:id/attachments). */
import { agentAttachmentPath, type AttachmentRef, type UploadedAttachment } from "../../../schema/attachments";
import { ApiError, csrfToken } from "../api";

export async function uploadAttachment(conversationId: string, file: File): Promise<AttachmentRef> {
  const url = `${agentAttachmentPath(conversationId)}?name=${encodeURIComponent(file.name)}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": file.type || "application/octet-stream", "X-CSRF-Token": csrfToken() },
      body: file,
    });
  } catch {
    throw new ApiError(0, "network", "The upload did not reach the server. Try again.");
  }
  const data = (await res.json().catch(() => ({}))) as {
    attachment?: UploadedAttachment;
    error?: { code?: string; message?: string };
  };
  if (!res.ok || !data.attachment)
    throw new ApiError(res.status, data.error?.code ?? `http_${res.status}`, data.error?.message ?? "Upload failed.");
  const { id, name, type, size } = data.attachment;
  return { id, name, type, size };
}
