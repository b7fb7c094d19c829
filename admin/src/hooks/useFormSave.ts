/**
 * The save of a form drawer: sends the body, invalidates what it changed, and shows a failure under
 * the inputs (showFormError); `saving` drives the 保存 button.
 */
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { showFormError } from '../api/formErrors';

export interface FormSaveOptions<TBody, TResult> {
  send(body: TBody): Promise<TResult>;
  /** The queries the save changes. */
  invalidate: QueryKey;
  /** A server field name as the form's name path (null: no such input). */
  path(field: string): (string | number)[] | null;
  onSaved(result: TResult): void;
}

export function useFormSave<TBody, TResult>(form: FormInstance, options: FormSaveOptions<TBody, TResult>) {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: options.send,
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: options.invalidate });
      options.onSaved(result);
    },
    onError: (err) => showFormError(form, err, options.path),
  });
  return { save: mutation.mutate, saving: mutation.isPending };
}
