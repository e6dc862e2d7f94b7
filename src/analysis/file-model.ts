/**
 * One file as the rules see it: the ts-morph source file plus the Igniter facts found in it,
 * each computed once on first use and shared by every rule that runs on the file.
 */
import type { TsMorph, AstNode, CallNode } from './morph.js';
import { tsMorph } from './morph.js';
import { findIgniterDeclarations, type Action, type Controller, type IgniterDeclarations } from './actions.js';
import { NameBindings, type Bindings } from './bindings.js';
import { isLivePublish, readRevalidation, type Revalidation } from './realtime-api.js';
import type { IgniterSettings } from './settings.js';
import type { ProjectFacts } from './project-facts.js';
import { isFunctionLike } from './syntax.js';

/** A call found in the file, with the action whose handler contains it (if any). */
export interface Located<T> {
  value: T;
  action?: Action;
  bindings: Bindings;
}

const outsideHandlers = new NameBindings();

export class FileModel {
  private declarationsCache?: IgniterDeclarations;
  private callsCache?: { revalidations: Located<Revalidation>[]; publishes: Located<CallNode>[] };

  constructor(
    readonly sourceFile: TsMorph.SourceFile,
    readonly fileName: string,
    readonly settings: IgniterSettings,
  ) {}

  get text(): string {
    return this.sourceFile.getFullText();
  }

  declarations(): IgniterDeclarations {
    this.declarationsCache ??= findIgniterDeclarations(this.sourceFile, this.settings.instanceNames);
    return this.declarationsCache;
  }

  actions(): Action[] {
    return this.declarations().actions;
  }

  /** Every revalidation in the file, inside handlers or not. */
  revalidations(): Located<Revalidation>[] {
    return this.calls().revalidations;
  }

  /** Every live publish in the file. */
  livePublishes(): Located<CallNode>[] {
    return this.calls().publishes;
  }

  /** Router key of a controller (`message`), from a router in this file or the project index. */
  controllerKey(controller: Controller, project?: ProjectFacts): string | undefined {
    const { Node } = tsMorph();
    for (const router of this.declarations().routers) {
      for (const registration of router.registrations) {
        const value = registration.value;
        if (value === controller.call) return registration.key;
        if (Node.isIdentifier(value) && controller.variableName === value.getText()) return registration.key;
      }
    }
    return controller.variableName ? project?.routerKeyOf(this.fileName, controller.variableName) : undefined;
  }

  /** `controller.action` key of an action, when its controller is registered in a router in view. */
  actionKey(action: Action, project?: ProjectFacts): string | undefined {
    if (!action.controller || action.name === undefined) return undefined;
    const controllerKey = this.controllerKey(action.controller, project);
    return controllerKey === undefined ? undefined : `${controllerKey}.${action.name}`;
  }

  private calls(): { revalidations: Located<Revalidation>[]; publishes: Located<CallNode>[] } {
    if (this.callsCache) return this.callsCache;
    const { Node } = tsMorph();
    const handlers = new Map<AstNode, Action>();
    for (const action of this.actions()) if (action.handler) handlers.set(action.handler, action);
    const revalidations: Located<Revalidation>[] = [];
    const publishes: Located<CallNode>[] = [];
    const instanceNames = this.settings.instanceNames;

    const visit = (node: AstNode, action: Action | undefined): void => {
      const inner = isFunctionLike(node) ? (handlers.get(node) ?? action) : action;
      if (Node.isCallExpression(node)) {
        const bindings = inner?.bindings ?? outsideHandlers;
        const revalidation = readRevalidation(node, bindings, instanceNames);
        if (revalidation) revalidations.push({ value: revalidation, action: inner, bindings });
        else if (isLivePublish(node, bindings, instanceNames)) publishes.push({ value: node, action: inner, bindings });
      }
      node.forEachChild((child) => visit(child, inner));
    };
    visit(this.sourceFile, undefined);
    this.callsCache = { revalidations, publishes };
    return this.callsCache;
  }
}
