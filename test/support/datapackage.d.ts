/** The parts of the Frictionless `datapackage` library the tests use (it ships no types). */
declare module "datapackage" {
  export interface Resource {
    name: string;
    descriptor: Record<string, any>;
    read(options?: { keyed?: boolean; cast?: boolean; forceCast?: boolean; relations?: boolean }): Promise<unknown[]>;
    checkRelations(): Promise<boolean>;
  }
  export class Package {
    static load(descriptor: string | object, basePath?: string, options?: { strict?: boolean }): Promise<Package>;
    valid: boolean;
    errors: Error[];
    descriptor: Record<string, any>;
    resources: Resource[];
    resourceNames: string[];
    getResource(name: string): Resource | null;
  }
  export function validate(descriptor: string | object): Promise<{ valid: boolean; errors: Error[] }>;
}
